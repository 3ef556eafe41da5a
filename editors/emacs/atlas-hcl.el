;;; atlas-hcl.el --- Atlas project files (atlas.hcl) with the Mercator language server over eglot  -*- lexical-binding: t -*-

;; Usage (Emacs 28 with elpa-eglot, or Emacs 29+ where eglot is built in):
;;   (add-to-list 'load-path "/path/to/mercator/editors/emacs")
;;   (require 'atlas-hcl)
;;   (add-hook 'atlas-hcl-mode-hook #'eglot-ensure)
;;
;; `atlas-hcl-mode' derives from `hcl-mode' when that package (MELPA) is installed, for its highlighting and
;; indentation; otherwise from `prog-mode' with HCL comments and a little highlighting of its own. Eglot has no
;; code lens display, so `atlas-hcl-lens' lists the lenses of the current line and runs the one chosen.

;;; Code:

(require 'eglot)
(require 'cl-lib)
(require 'grep)

(defgroup atlas-hcl nil
  "Atlas project files with the Mercator language server."
  :group 'languages)

(defcustom atlas-hcl-server-command '("mercator" "serve" "--stdio")
  "The language server's command line; read each time eglot starts it."
  :type '(repeat string))

(defconst atlas-hcl--has-hcl-mode (require 'hcl-mode nil t)
  "Whether the MELPA `hcl-mode' package is available to derive from.")

;; The parent is chosen when this file loads: `define-derived-mode' needs a symbol, and an alias lets one
;; definition cover both cases.
(defalias 'atlas-hcl--parent-mode (if atlas-hcl--has-hcl-mode 'hcl-mode 'prog-mode))

(defvar atlas-hcl--fallback-syntax-table
  (let ((table (make-syntax-table)))
    ;; `#' and `//' start line comments, `/* */' block comments (HCL's three comment forms).
    (modify-syntax-entry ?# "< b" table)
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?- "_" table)
    table)
  "Syntax table used when `hcl-mode' is not installed.")

(defvar atlas-hcl--fallback-font-lock
  '(("^\\s-*\\([[:alpha:]_][[:alnum:]_-]*\\)\\(?:\\s-+\"[^\"\n]*\"\\)*\\s-*{" 1 font-lock-keyword-face)
    ("^\\s-*\\([[:alpha:]_][[:alnum:]_-]*\\)\\s-*=" 1 font-lock-variable-name-face)
    ("\\_<\\(true\\|false\\|null\\)\\_>" . font-lock-constant-face)
    ("\\_<\\([[:alpha:]_][[:alnum:]_-]*\\)(" 1 font-lock-function-name-face))
  "Highlighting when `hcl-mode' is not installed.
Block types, attribute names, literals and function calls.")

;;;###autoload
(define-derived-mode atlas-hcl-mode atlas-hcl--parent-mode "Atlas"
  "Major mode for Atlas project files (atlas.hcl).
The Mercator language server serves it through eglot."
  (unless atlas-hcl--has-hcl-mode
    (set-syntax-table atlas-hcl--fallback-syntax-table)
    (setq-local comment-start "# ")
    (setq-local comment-end "")
    (setq-local comment-start-skip "\\(?:#+\\|//+\\|/\\*+\\)\\s-*")
    (setq-local indent-tabs-mode nil)
    (setq-local font-lock-defaults '(atlas-hcl--fallback-font-lock))))

;; atlas.hcl, *.atlas.hcl and *_atlas.hcl: the names the server runs the atlas.hcl checks on.
;;;###autoload
(add-to-list 'auto-mode-alist '("[/._]atlas\\.hcl\\'" . atlas-hcl-mode))

;; Without hcl-mode, other .hcl files would open in fundamental-mode: give them this mode too (the server then
;; offers syntax-level features only, as the name is not an atlas.hcl one). Appended, so any later
;; hcl-mode entry wins.
(unless atlas-hcl--has-hcl-mode
  (add-to-list 'auto-mode-alist '("\\.hcl\\'" . atlas-hcl-mode) t))

(defun atlas-hcl--contact (&optional _interactive)
  "The server command for eglot.
Read when eglot starts, so `atlas-hcl-server-command' may change before."
  atlas-hcl-server-command)

;; One server for both modes; eglot names the language after the first (`atlas-hcl'), which the server accepts.
(add-to-list 'eglot-server-programs '((atlas-hcl-mode hcl-mode) . atlas-hcl--contact))

;;; Documents the server opens

;; The Inspect schema lens opens its result with window/showDocument, which eglot learned only after 1.9 (Emacs 28's
;; elpa-eglot): answer it here when eglot does not.
(unless (cl-find-method #'eglot-handle-request nil '(t (eql window/showDocument)))
  (cl-defmethod eglot-handle-request
    (_server (_method (eql window/showDocument)) &key uri external takeFocus selection &allow-other-keys)
    "Open URI at SELECTION; select it unless TAKEFOCUS is false.
A URI the server marks EXTERNAL goes to the browser."
    (if (eq external t)
        (browse-url uri)
      (let ((buffer (find-file-noselect (eglot--uri-to-path uri))))
        (if (eq takeFocus :json-false) (display-buffer buffer) (pop-to-buffer buffer))
        (when selection
          (with-current-buffer buffer
            (goto-char (eglot--lsp-position-to-point (plist-get selection :start)))
            (when-let ((window (get-buffer-window buffer))) (set-window-point window (point)))))))
    (list :success t)))

;;; Code lenses

(defun atlas-hcl--lenses-on-line ()
  "The resolved code lenses of the current line, as plists with :command."
  (let* ((server (eglot--current-server-or-lose))
         (line (1- (line-number-at-pos)))
         (lenses (jsonrpc-request server :textDocument/codeLens
                                  `(:textDocument ,(eglot--TextDocumentIdentifier)))))
    (cl-loop for lens across (or lenses [])
             when (= (plist-get (plist-get (plist-get lens :range) :start) :line) line)
             collect (if (plist-get lens :command)
                         lens
                       (jsonrpc-request server :codeLens/resolve lens)))))

(defun atlas-hcl--show-references (command)
  "Show the locations of a `mercator.showReferences' COMMAND.
They are listed in a `grep-mode' buffer, one line each."
  (let ((locations (aref (plist-get command :arguments) 2))
        (buffer (get-buffer-create "*mercator references*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert (format "-*- %s -*-\n" (plist-get command :title)))
        (cl-loop for location across locations
                 for file = (eglot--uri-to-path (plist-get location :uri))
                 for start = (plist-get (plist-get location :range) :start)
                 do (insert (format "%s:%d:%d: %s\n" file (1+ (plist-get start :line))
                                    (1+ (plist-get start :character))
                                    (with-current-buffer (find-file-noselect file)
                                      (save-excursion
                                        (goto-char (point-min))
                                        (forward-line (plist-get start :line))
                                        (string-trim (thing-at-point 'line t))))))))
      (grep-mode))
    (display-buffer buffer)
    buffer))

(defun atlas-hcl-run-lens-command (command)
  "Run a lens's COMMAND: reference lists here, everything else on the server."
  (if (equal (plist-get command :command) "mercator.showReferences")
      (atlas-hcl--show-references command)
    (eglot-execute-command (eglot--current-server-or-lose)
                           (plist-get command :command) (plist-get command :arguments))))

(defun atlas-hcl-lens ()
  "Choose one of the current line's code lenses and run it.
Nothing runs before the choice."
  (interactive)
  (let* ((lenses (atlas-hcl--lenses-on-line))
         (titles (mapcar (lambda (lens) (plist-get (plist-get lens :command) :title)) lenses)))
    (cond ((null lenses) (message "No Mercator code lens on this line"))
          (t (let* ((title (if (cdr titles)
                               (completing-read "Lens: " titles nil t)
                             (car titles)))
                    (lens (nth (cl-position title titles :test #'equal) lenses)))
               (atlas-hcl-run-lens-command (plist-get lens :command)))))))

(provide 'atlas-hcl)
;;; atlas-hcl.el ends here
