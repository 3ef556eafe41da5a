" Atlas project files are HCL: atlas.hcl, *.atlas.hcl (and *.hcl for Neovim/Vim versions that do not know HCL yet).
" setfiletype keeps a type an earlier rule already chose (e.g. a terraform plugin's).
autocmd BufNewFile,BufRead atlas.hcl,*.atlas.hcl,*_atlas.hcl,*.hcl setfiletype hcl
