;;; check.el --- Emacs 28 --batch + eglot as an LSP client of `mercator serve --stdio'  -*- lexical-binding: t -*-
;; The mode and the eglot entry are the shipped editors/emacs/atlas-hcl.el.
;; Env: MERCATOR_BIN, E2E_DIR (holds broken.hcl, unformatted.hcl, unformatted.formatted.hcl and atlas.hcl, a copy
;; of examples/atlas.hcl).
;; Prints `PASS name' / `FAIL name: why' per check on stdout; exits 0 when all pass, 1 otherwise.
;; Run: emacs --batch -l check.el
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar check-dir (or (getenv "E2E_DIR") (error "E2E_DIR is not set")))
(defvar check-bin (or (getenv "MERCATOR_BIN") (error "MERCATOR_BIN is not set")))
(defvar check-editors (or (getenv "E2E_EDITORS") (error "E2E_EDITORS is not set")))
;; Emacs 28 has no hcl-mode, so atlas-hcl.el takes every .hcl file (the server judges atlas.hcl ones by name).
(add-to-list 'load-path (expand-file-name "emacs" check-editors))
(require 'atlas-hcl)
(setq atlas-hcl-server-command (list (expand-file-name check-bin) "serve" "--stdio"))
(setq eglot-sync-connect 10
      eglot-connect-timeout 10
      eglot-send-changes-idle-time 0.1
      eglot-autoshutdown nil
      make-backup-files nil
      create-lockfiles nil)

(defvar check-failed nil)

(defun check--wait (pred timeout what)
  "Process events until PRED is non-nil or TIMEOUT seconds pass; signal an error naming WHAT then."
  (let ((deadline (+ (float-time) timeout)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; Batch mode runs no post-command-hook: start flymake and flush eglot's pending changes by hand.
      (when (bound-and-true-p flymake-mode) (flymake-start))
      (when (eglot-current-server) (eglot--signal-textDocument/didChange)))
    (or value (error "timed out after %ss waiting for %s" timeout what))))

(defun check--open (name)
  (find-file (expand-file-name name check-dir))
  (unless (eq major-mode 'atlas-hcl-mode) (error "%s opened in %s, not atlas-hcl-mode" name major-mode))
  (eglot-ensure)
  (unless (eglot-current-server)
    ;; eglot-ensure connects from a hook that runs after commands; call it directly in batch mode.
    (call-interactively #'eglot))
  (check--wait #'eglot-current-server 10 "eglot to connect")
  (flymake-mode 1))

(defmacro check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body (princ (format "PASS %s\n" ,name)))
     (error (setq check-failed t)
            (princ (format "FAIL %s: %s\n" ,name (error-message-string err))))))

;; 1. A syntax error is reported where it is, and clears after the fix (sent as an incremental change).
(check "emacs-eglot diagnostics"
  (check--open "broken.hcl")
  (check--wait #'flymake-diagnostics 10 "flymake diagnostics for broken.hcl")
  (let* ((diags (flymake-diagnostics))
         (d (car diags)))
    (unless (= (length diags) 1) (error "expected 1 diagnostic, got %d" (length diags)))
    (unless (= (line-number-at-pos (flymake-diagnostic-beg d)) 3)
      (error "diagnostic on line %d, expected 3" (line-number-at-pos (flymake-diagnostic-beg d))))
    (unless (eq (flymake-diagnostic-type d) 'eglot-error)
      (error "diagnostic type %S, expected eglot-error" (flymake-diagnostic-type d)))
    (unless (string-match-p "Invalid expression" (flymake-diagnostic-text d))
      (error "message %S" (flymake-diagnostic-text d))))
  (goto-char (point-min))
  (search-forward "url = ")
  (insert "\"sqlite://file?mode=memory\"")
  (check--wait (lambda () (null (flymake-diagnostics))) 10 "diagnostics to clear after the fix")
  ;; `check--wait' returns non-nil values only: confirm the fix landed and the list stays empty.
  (when (flymake-diagnostics) (error "diagnostics left after the fix")))

;; 2. Formatting through the server gives the reference formatter's output.
(check "emacs-eglot formatting"
  (check--open "unformatted.hcl")
  (unless (eglot--server-capable :documentFormattingProvider)
    (error "server does not announce documentFormattingProvider"))
  (eglot-format-buffer)
  (let ((want (with-temp-buffer
                (insert-file-contents (expand-file-name "unformatted.formatted.hcl" check-dir))
                (buffer-string)))
        (got (buffer-substring-no-properties (point-min) (point-max))))
    (unless (string= got want)
      (with-temp-file (expand-file-name "emacs.got" check-dir) (insert got))
      (error "buffer differs from unformatted.formatted.hcl (got: %s)" (expand-file-name "emacs.got" check-dir)))))

;; 3. Renaming the token data source from a use renames its label and every use.
(check "emacs-eglot rename"
  (check--open "atlas.hcl")
  (goto-char (point-min))
  (search-forward "urlescape(data.aws_rds_token.")
  (eglot-rename "orders_token")
  (unless (= (how-many "data \"aws_rds_token\" \"orders_token\"" (point-min) (point-max)) 1)
    (error "the label was not renamed"))
  (unless (= (how-many "urlescape(data\\.aws_rds_token\\.orders_token)" (point-min) (point-max)) 2)
    (error "the uses were not renamed"))
  (unless (= (how-many "aws_rds_token\\.db\\b" (point-min) (point-max)) 0) (error "an old name is left")))

;; 4. A token interpolated without urlescape() gets the quick fix that wraps it (the only quickfix there, so eglot
;; applies it without asking).
(check "emacs-eglot quick fix"
  (goto-char (point-min))
  (search-forward "${urlescape(data.aws_rds_token.orders_token)}")
  (replace-match "${data.aws_rds_token.orders_token}" t t)
  (let ((diag (check--wait
               (lambda ()
                 (cl-find-if (lambda (d) (string-match-p "without urlescape" (flymake-diagnostic-text d)))
                             (flymake-diagnostics)))
               10 "the urlescape warning")))
    (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix" t))
  (unless (= (how-many "\\${urlescape(data\\.aws_rds_token\\.orders_token)}" (point-min) (point-max)) 2)
    (error "the quick fix was not applied")))

;; 5. Code lenses (eglot shows none): atlas-hcl-lens lists the line's lenses, resolved, and runs the chosen one;
;; the reference count's command lists the uses in a grep-mode buffer.
(check "emacs-eglot code lens"
  (goto-char (point-min))
  (search-forward "data \"aws_rds_token\" \"orders_token\"")
  (let* ((lenses (atlas-hcl--lenses-on-line))
         (titles (mapcar (lambda (lens) (plist-get (plist-get lens :command) :title)) lenses)))
    ;; The reference count and the Generate token lens share the header line.
    (unless (equal titles '("2 references" "Generate token")) (error "lens titles %S" titles)))
  ;; The user picks the reference count (completing-read is asked since there are two).
  (cl-letf (((symbol-function 'completing-read) (lambda (&rest _) "2 references")))
    (atlas-hcl-lens))
  (with-current-buffer "*mercator references*"
    (unless (= (how-many "atlas\\.hcl:[0-9]+:[0-9]+: .*aws_rds_token\\.orders_token" (point-min) (point-max)) 2)
      (error "references buffer: %S" (buffer-string)))))

;; 6. window/showDocument (how the Inspect schema lens opens its result; eglot 1.9 has no handler, atlas-hcl.el
;; brings one): the document opens at the selection, and the answer is success.
(check "emacs-eglot showDocument"
  (let ((target (expand-file-name "inspected.hcl" check-dir)))
    (with-temp-file target (insert "table \"users\" {\n  schema = schema.public\n}\n"))
    (let ((answer (eglot-handle-request (eglot-current-server) 'window/showDocument
                                        :uri (eglot--path-to-uri target) :takeFocus t
                                        :selection '(:start (:line 1 :character 2) :end (:line 1 :character 8)))))
      (unless (eq (plist-get answer :success) t) (error "answer %S" answer))
      (unless (equal (buffer-file-name) target) (error "current buffer %S" (buffer-file-name)))
      (unless (and (= (line-number-at-pos) 2) (= (current-column) 2))
        (error "point at line %d column %d" (line-number-at-pos) (current-column))))))

(ignore-errors
  (with-current-buffer (get-file-buffer (expand-file-name "atlas.hcl" check-dir))
    (eglot-shutdown (eglot-current-server))))
(kill-emacs (if check-failed 1 0))
