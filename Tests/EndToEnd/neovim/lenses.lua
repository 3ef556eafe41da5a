-- Headless Neovim 0.7 clicks the Inspect schema lens of an atlas.hcl pointing at the RDS stand-in (issue 8
-- acceptance 1): lenses listed and resolved as vim.lsp.codelens does, the command run as a click runs it
-- (workspace/executeCommand), and the schema opened by Neovim's own window/showDocument handler.
-- Env: MERCATOR_BIN, E2E_DIR (holds atlas.hcl and expected.hcl), E2E_OUT (result file).
local dir = assert(os.getenv("E2E_DIR"), "E2E_DIR is not set")
local out = assert(os.getenv("E2E_OUT"), "E2E_OUT is not set")
local bin = assert(os.getenv("MERCATOR_BIN"), "MERCATOR_BIN is not set")
local results, failed = {}, false

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local shown = {}
local client_id = vim.lsp.start_client({
  name = "mercator",
  cmd = { bin, "serve", "--stdio" },
  root_dir = dir,
  handlers = {
    ["window/showDocument"] = function(err, result, ctx, config)
      table.insert(shown, result.uri)
      local default = vim.lsp.handlers["window/showDocument"]
      if default then return default(err, result, ctx, config) end
      -- Neovim 0.7 has no handler for it yet (0.8 does): open the file as that handler would.
      vim.schedule(function() vim.cmd("edit " .. vim.fn.fnameescape(vim.uri_to_fname(result.uri))) end)
      return { success = true }
    end,
  },
})
assert(client_id, "vim.lsp.start_client failed")

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    table.insert(results, "PASS " .. name)
  else
    failed = true
    table.insert(results, "FAIL " .. name .. ": " .. tostring(err):gsub("\n", " | "))
  end
end

check("neovim inspect schema lens", function()
  vim.cmd("edit " .. vim.fn.fnameescape(dir .. "/atlas.hcl"))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "hcl"
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "buf_attach_client failed")
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(10000, function() return client.initialized end, 20), "the server did not initialize")
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/codeLens", params, 10000)
  local lenses = answers and answers[client_id] and answers[client_id].result or {}
  local inspect
  for _, lens in ipairs(lenses) do
    local resolved = vim.lsp.buf_request_sync(bufnr, "codeLens/resolve", lens, 10000)
    local command = resolved and resolved[client_id] and resolved[client_id].result.command
    if command and command.title == "Inspect schema" then inspect = command end
  end
  assert(inspect, "no Inspect schema lens among " .. #lenses .. " lenses")
  local done, reply = false, nil
  client.request("workspace/executeCommand", inspect, function(err, result)
    done, reply = true, err or result
  end, bufnr)
  assert(vim.wait(60000, function() return done and #shown > 0 end, 50),
    "no answer or no showDocument: " .. vim.inspect(reply))
  local path = vim.uri_to_fname(shown[#shown])
  assert(path:match("/mercator/inspect/rds%.hcl$"), "opened " .. path)
  assert(vim.wait(5000, function() return vim.fn.bufnr(path) ~= -1 end, 20), "Neovim did not open " .. path)
  local opened = vim.fn.bufnr(path)
  local text = table.concat(vim.api.nvim_buf_get_lines(opened, 0, -1, false), "\n") .. "\n"
  assert(text == read(dir .. "/expected.hcl"), "the opened schema differs:\n" .. text)
end)

vim.lsp.stop_client(client_id)
local f = assert(io.open(out, "w"))
f:write(table.concat(results, "\n") .. "\n")
f:close()
vim.cmd(failed and "cquit 1" or "qall!")
