" ALE linter for HCL buffers: the Mercator language server (atlas.hcl) over LSP on stdio.
" ALE loads every ale_linters/hcl/*.vim on the runtimepath, so adding editors/vim to it is the whole install.

" The executable (g:ale_hcl_mercator_executable / b:…) and the `mercator` settings section it is sent
" (workspace/didChangeConfiguration), e.g. {'diagnostics': {'enable': v:true}}.
call ale#Set('hcl_mercator_executable', 'mercator')
call ale#Set('hcl_mercator_config', {})

" The folder of the nearest atlas.hcl, else of the nearest .git, else the file's own: the server reads files
" (file(), fileset()) relative to the atlas.hcl, so that is the natural workspace root.
function! ale_linters#hcl#mercator#GetProjectRoot(buffer) abort
    let l:atlas = ale#path#FindNearestFile(a:buffer, 'atlas.hcl')
    if !empty(l:atlas)
        return fnamemodify(l:atlas, ':h')
    endif
    let l:git = ale#path#FindNearestDirectory(a:buffer, '.git')
    if !empty(l:git)
        return fnamemodify(l:git, ':h:h')
    endif
    return expand('#' . a:buffer . ':p:h')
endfunction

function! ale_linters#hcl#mercator#GetConfig(buffer) abort
    let l:config = ale#Var(a:buffer, 'hcl_mercator_config')
    return empty(l:config) ? {} : {'mercator': l:config}
endfunction

call ale#linter#Define('hcl', {
\   'name': 'mercator',
\   'lsp': 'stdio',
\   'executable': {b -> ale#Var(b, 'hcl_mercator_executable')},
\   'command': '%e serve --stdio',
\   'project_root': function('ale_linters#hcl#mercator#GetProjectRoot'),
\   'lsp_config': function('ale_linters#hcl#mercator#GetConfig'),
\})
