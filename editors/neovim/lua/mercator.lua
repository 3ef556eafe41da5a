-- Mercator for Neovim 0.7 and newer: runs `mercator serve --stdio` for HCL buffers, keeps code lenses fresh, and
-- handles the client-side commands the lenses carry.
--
--   require("mercator").setup()            -- defaults below; or setup({ cmd = { "/path/to/mercator", "serve" } })
--
-- Neovim 0.8+ has vim.lsp.start (which reuses a client per root); on 0.7 (Debian 12) the module keeps one
-- vim.lsp.start_client per root folder itself.
local M = {}

M.defaults = {
  cmd = { "mercator", "serve", "--stdio" },
  -- atlas.hcl is an `hcl` buffer (ftdetect/atlas_hcl.vim); the server runs the atlas.hcl checks only on files named
  -- atlas.hcl / *.atlas.hcl and gives any other .hcl syntax-level features.
  filetypes = { "hcl" },
  -- The first folder upwards holding one of these is the workspace root; else the file's own folder.
  root_markers = { "atlas.hcl", ".git" },
  -- Answered to the server's workspace/configuration for section "mercator".
  settings = { mercator = { diagnostics = { enable = true } } },
  -- Refresh code lenses on BufEnter, InsertLeave and BufWritePost (lenses are only listed; nothing runs until run()).
  codelens = true,
  -- Passed through to the client (handlers, capabilities, on_attach, init_options, ...).
  handlers = nil,
  capabilities = nil,
  on_attach = nil,
}

local options = vim.deepcopy(M.defaults)
local clients_by_root = {} -- 0.7 only: root folder -> client id

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The root folder for a buffer: the nearest ancestor holding a marker (0.7 has no vim.fs.find).
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  local dir = start
  while true do
    for _, marker in ipairs(options.root_markers) do
      if exists(dir .. "/" .. marker) then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then return start end
    dir = parent
  end
end

-- `mercator.showReferences` (a lens's reference count): arguments [uri, position, locations], as VS Code's
-- editor.action.showReferences takes them. Neovim has no such command, so the locations go to the quickfix list.
function M.show_references(command, ctx)
  local locations = (command.arguments or {})[3] or {}
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or "utf-16"
  local items = vim.lsp.util.locations_to_items(locations, encoding)
  vim.fn.setqflist({}, " ", { title = command.title or "references", items = items })
  if #items > 0 and #vim.api.nvim_list_uis() > 0 then vim.cmd("copen") end
end

-- Neovim 0.7 has no window/showDocument handler; the Inspect schema lens opens its result with it.
function M.show_document(_, result, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local ok = pcall(function()
    local bufnr = vim.uri_to_bufnr(result.uri)
    vim.fn.bufload(bufnr)
    vim.bo[bufnr].buflisted = true
    if result.takeFocus ~= false then vim.api.nvim_win_set_buf(0, bufnr) end
    if result.selection then
      local encoding = client and client.offset_encoding or "utf-16"
      vim.lsp.util.jump_to_location({ uri = result.uri, range = result.selection }, encoding)
    end
  end)
  return { success = ok }
end

local function supports_codelens(client)
  if client.server_capabilities and client.server_capabilities.codeLensProvider then return true end
  return client.resolved_capabilities ~= nil and client.resolved_capabilities.code_lens == true
end

local function on_attach(client, bufnr)
  -- Neovim 0.12 keeps lenses fresh itself once enabled; earlier versions need the refresh autocommands.
  local auto = options.codelens and supports_codelens(client) and vim.lsp.codelens.enable ~= nil
    and pcall(vim.lsp.codelens.enable, true, { bufnr = bufnr })
  if options.codelens and supports_codelens(client) and not auto then
    local group = vim.api.nvim_create_augroup("mercator_codelens_" .. bufnr, { clear = true })
    vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
      group = group,
      buffer = bufnr,
      callback = function() vim.lsp.codelens.refresh() end,
    })
    if vim.api.nvim_get_current_buf() == bufnr then vim.lsp.codelens.refresh() end
  end
  -- :MercatorLens runs the lens on the cursor's line (a menu when there are several).
  vim.api.nvim_buf_create_user_command(bufnr, "MercatorLens", function() vim.lsp.codelens.run() end,
    { desc = "Run the Mercator code lens on this line" })
  if options.on_attach then options.on_attach(client, bufnr) end
end

local function client_config(bufnr)
  local handlers = vim.tbl_extend("keep", options.handlers or {}, {})
  if not vim.lsp.handlers["window/showDocument"] and not handlers["window/showDocument"] then
    handlers["window/showDocument"] = M.show_document
  end
  return {
    name = "mercator",
    cmd = options.cmd,
    root_dir = M.root_dir(bufnr),
    settings = options.settings,
    handlers = handlers,
    capabilities = options.capabilities,
    init_options = options.init_options,
    on_attach = on_attach,
  }
end

-- Starts (or reuses) the client for a buffer and attaches it; returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local config = client_config(bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients_by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    if not id then return nil end
    clients_by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  vim.lsp.commands["mercator.showReferences"] = vim.lsp.commands["mercator.showReferences"] or M.show_references
  local group = vim.api.nvim_create_augroup("mercator", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = options.filetypes,
    callback = function(args) M.start(args.buf) end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
      M.start(bufnr)
    end
  end
end

return M
