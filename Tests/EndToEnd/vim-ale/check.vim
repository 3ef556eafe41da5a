" Headless Vim 9 + Debian's vim-ale as an LSP client of `mercator serve --stdio`, through the shipped editors/vim
" (ftdetect/atlas_hcl.vim and ale_linters/hcl/mercator.vim, put on the runtimepath by run.sh).
" Env: MERCATOR_BIN, E2E_DIR (holds atlas.hcl, a broken one, and misspelled.atlas.hcl), E2E_OUT (result file).
" Writes `PASS name` / `FAIL name: why` per check to E2E_OUT; exits 0 when all pass (cquit 1 otherwise).
" Run: vim -Nu NONE -i NONE -es --cmd 'set rtp^=…/editors/vim' -S check.vim
let s:results = []
let s:failed = 0

let g:ale_linters = {'hcl': ['mercator']}
let g:ale_linters_explicit = 1
let g:ale_echo_cursor = 0
let g:ale_set_signs = 0
let g:ale_hcl_mercator_executable = $MERCATOR_BIN
packadd ale
" -u NONE leaves filetype detection off; turning it on sources ftdetect/*.vim from the runtimepath.
filetype on

function! s:Check(name, fn) abort
  try
    call call(a:fn, [])
    call add(s:results, 'PASS ' . a:name)
  catch
    let s:failed = 1
    call add(s:results, 'FAIL ' . a:name . ': ' . substitute(v:exception, '\n', ' | ', 'g'))
  endtry
endfunction

" The items ALE shows for the current buffer once the server has published (ALE keeps waiting for a non-empty
" list: both files have problems).
function! s:Loclist(file) abort
  execute 'edit ' . fnameescape($E2E_DIR . '/' . a:file)
  if &filetype !=# 'hcl'
    throw a:file . ' has filetype "' . &filetype . '"'
  endif
  ALELint
  let l:waited = 0
  while empty(get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])) && l:waited < 10000
    sleep 50m
    let l:waited += 50
  endwhile
  let l:items = get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])
  if empty(l:items)
    throw 'no diagnostics for ' . a:file . ' within 10s'
  endif
  return l:items
endfunction

function! s:Find(items, code) abort
  for l:item in a:items
    if get(l:item, 'code', '') ==# a:code
      return l:item
    endif
  endfor
  throw 'no ' . a:code . ' in ' . string(a:items)
endfunction

function! s:FtDetect() abort
  if !exists('#filetypedetect#BufRead#*.atlas.hcl')
    throw 'editors/vim/ftdetect/atlas_hcl.vim was not loaded'
  endif
endfunction

" A syntax error in a broken atlas.hcl: where it is, from the mercator linter.
function! s:SyntaxError() abort
  let l:item = s:Find(s:Loclist('atlas.hcl'), 'syntax.invalid-expression')
  if l:item.lnum != 3 || l:item.type !=# 'E' || l:item.linter_name !=# 'mercator' || l:item.text !~# 'Invalid expression'
    throw 'unexpected item ' . string(l:item)
  endif
endfunction

" An atlas.hcl check (not only syntax) on a *.atlas.hcl name: an unknown local with its did-you-mean.
function! s:AtlasCheck() abort
  let l:item = s:Find(s:Loclist('misspelled.atlas.hcl'), 'atlas.unknown-local')
  if l:item.lnum != 7 || l:item.type !=# 'E' || l:item.text !~# 'dbb'
    throw 'unexpected item ' . string(l:item)
  endif
endfunction

call s:Check('vim-ale ftdetect', function('s:FtDetect'))
call s:Check('vim-ale diagnostics', function('s:SyntaxError'))
call s:Check('vim-ale atlas checks', function('s:AtlasCheck'))
call writefile(s:results, $E2E_OUT)
execute s:failed ? 'cquit 1' : 'qall!'
