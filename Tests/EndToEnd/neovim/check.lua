-- Headless Neovim 0.7 as an LSP client of `mercator serve --stdio`, started by the shipped editors/neovim integration
-- (its ftdetect and lua/mercator.lua, which uses vim.lsp.start_client on 0.7).
-- Env: MERCATOR_BIN, E2E_DIR (holds broken.hcl, unformatted.hcl, unformatted.formatted.hcl and atlas.hcl, a copy
-- of examples/atlas.hcl), E2E_OUT (result file).
-- Writes one line per check to E2E_OUT: `PASS name` or `FAIL name: why`; exits 0 when all pass (cquit 1 otherwise).
-- Run: nvim --headless --clean -c 'luafile check.lua'
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

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n"
end

-- Diagnostics each publish brought, by buffer, in order.
local published = {}
-- The shipped integration (editors/neovim, on the runtimepath from run.sh) starts the client for hcl buffers; the
-- test only adds its publishDiagnostics hook.
local mercator = require("mercator")
mercator.setup({
  cmd = { bin, "serve", "--stdio" },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      local bufnr = vim.uri_to_bufnr(result.uri)
      published[bufnr] = published[bufnr] or {}
      table.insert(published[bufnr], result.diagnostics)
    end,
  },
})
local client_id

-- Opens a file; ftdetect makes it an hcl buffer and the integration attaches the one client (one root: the folder
-- holds atlas.hcl).
local function open(name)
  vim.cmd("edit " .. vim.fn.fnameescape(dir .. "/" .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == "hcl", name .. " has filetype " .. vim.bo[bufnr].filetype)
  local attached
  assert(vim.wait(5000, function()
    for id, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == "mercator" then attached = id return true end
    end
    return false
  end, 20), "mercator did not attach to " .. name)
  assert(client_id == nil or client_id == attached, "a second client started for " .. name)
  client_id = attached
  return bufnr
end

-- Waits for a publish after the first `after` ones that satisfies `ok`; returns its diagnostics.
local function wait_publish(bufnr, after, ok, what)
  local found
  local done = vim.wait(10000, function()
    for i = after + 1, #(published[bufnr] or {}) do
      if ok(published[bufnr][i]) then
        found = published[bufnr][i]
        return true
      end
    end
    return false
  end, 20)
  assert(done, "timed out waiting for " .. what)
  return found
end

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    table.insert(results, "PASS " .. name)
  else
    failed = true
    table.insert(results, "FAIL " .. name .. ": " .. tostring(err):gsub("\n", " | "))
  end
end

-- 1. A syntax error is reported where it is, and clears after the fix (sent as an incremental change).
check("neovim diagnostics", function()
  local bufnr = open("broken.hcl")
  wait_publish(bufnr, 0, function(d) return #d > 0 end, "diagnostics for broken.hcl")
  local diags = vim.diagnostic.get(bufnr)
  assert(#diags == 1, "expected 1 diagnostic, got " .. #diags .. ": " .. vim.inspect(diags))
  local d = diags[1]
  assert(d.lnum == 2, "diagnostic on line " .. (d.lnum + 1) .. ", expected 3")
  assert(d.col >= #"  url =", "diagnostic at column " .. d.col)
  assert(d.severity == vim.diagnostic.severity.ERROR, "severity " .. tostring(d.severity))
  assert(d.source == "mercator", "source " .. tostring(d.source))
  assert(d.message:find("Invalid expression", 1, true), "message " .. d.message)
  assert((d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) == "syntax.invalid-expression",
    "code " .. vim.inspect(d.code or d.user_data))
  local seen = #published[bufnr]
  vim.api.nvim_buf_set_text(bufnr, 2, #"  url = ", 2, #"  url = ", { '"sqlite://file?mode=memory"' })
  wait_publish(bufnr, seen, function(ds) return #ds == 0 end, "diagnostics to clear after the fix")
  assert(#vim.diagnostic.get(bufnr) == 0, "diagnostics left after the fix")
end)

-- 2. Formatting through the server gives the reference formatter's output.
check("neovim formatting", function()
  local bufnr = open("unformatted.hcl")
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(5000, function() return client.initialized end, 20), "client not initialized")
  assert(client.resolved_capabilities.document_formatting, "server does not announce documentFormattingProvider")
  vim.lsp.buf.formatting_sync(nil, 5000)
  local want = read(dir .. "/unformatted.formatted.hcl")
  local got = buffer_text(bufnr)
  if got ~= want then
    vim.fn.writefile(vim.split(got, "\n", { plain = true }), out .. ".got", "b")
    error("buffer differs from unformatted.formatted.hcl (got: " .. out .. ".got)")
  end
end)

-- Places the cursor on the `nth` occurrence of `needle` in the buffer, `delta` bytes into it.
local function cursor_on(bufnr, needle, delta)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = line:find(needle, 1, true)
    if at then
      vim.api.nvim_win_set_cursor(0, { i, at - 1 + delta })
      return i - 1
    end
  end
  error("no " .. needle .. " in the buffer")
end

local function count(text, needle)
  local n, from = 0, 1
  while true do
    local at = text:find(needle, from, true)
    if not at then return n end
    n, from = n + 1, at + #needle
  end
end

-- 3. Hover on a use of a local shows its value (Markdown, with the range of the reference); a URL's password is
-- masked.
check("neovim hover", function()
  local bufnr = open("atlas.hcl")
  local function hover_on(needle, delta)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local at = line:find(needle, 1, true)
      if at then
        local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) },
                         position = { line = i - 1, character = at - 1 + delta } }
        local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 5000) or {}
        local answer = answers[client_id]
        assert(answer and answer.result, "no hover on " .. needle .. ": " .. vim.inspect(answers))
        return answer.result, at - 1
      end
    end
    error("no " .. needle .. " in atlas.hcl")
  end
  local result, at = hover_on("${local.db_name}", 4)
  assert(result.contents.kind == "markdown", "kind " .. tostring(result.contents.kind))
  assert(result.contents.value:find('"orders"', 1, true), "value " .. result.contents.value)
  assert(result.range.start.character == at + 2 and result.range["end"].character == at + 2 + #"local.db_name",
    "range " .. vim.inspect(result.range))
  local url = hover_on("postgres://postgres:pass@", 3)
  assert(url.contents.value:find("password: `****`", 1, true), "url " .. url.contents.value)
  assert(not url.contents.value:find(":pass@", 1, true), "password shown: " .. url.contents.value)
end)

-- 4. Renaming the token data source from a use renames its label and every use (prepareRename, then rename).
check("neovim rename", function()
  local bufnr = open("atlas.hcl")
  wait_publish(bufnr, 0, function() return true end, "diagnostics for atlas.hcl")
  cursor_on(bufnr, "urlescape(data.aws_rds_token.db)", #"urlescape(data.aws_rds_token.")
  vim.lsp.buf.rename("orders_token")
  local renamed = vim.wait(5000, function()
    local text = buffer_text(bufnr)
    return text:find('data "aws_rds_token" "orders_token"', 1, true) ~= nil
      and count(text, "urlescape(data.aws_rds_token.orders_token)") == 2
  end, 20)
  assert(renamed, "rename not applied: " .. buffer_text(bufnr):sub(1, 2000))
  assert(count(buffer_text(bufnr), "aws_rds_token.db") == 0, "an old name is left")
end)

-- 5. A token interpolated without urlescape() gets the quick fix that wraps it (chosen from the code action menu;
-- its edit comes through codeAction/resolve when Neovim resolves edits).
check("neovim quick fix", function()
  local bufnr = vim.fn.bufnr(dir .. "/atlas.hcl")
  local seen = #(published[bufnr] or {})
  local line = cursor_on(bufnr, "${urlescape(data.aws_rds_token.orders_token)}", 0)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  local from = text:find("urlescape(", 1, true) - 1
  vim.api.nvim_buf_set_text(bufnr, line, from, line, from + #"urlescape(", { "" })
  local close = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]:find("orders_token)", 1, true) + #"orders_token"
  vim.api.nvim_buf_set_text(bufnr, line, close - 1, line, close, { "" })
  wait_publish(bufnr, seen, function(ds)
    for _, d in ipairs(ds) do
      if d.code == "atlas.rds-token-not-escaped" then return true end
    end
    return false
  end, "the urlescape warning")
  cursor_on(bufnr, "${data.aws_rds_token.orders_token}", 2)
  local offered = {}
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      local action = item[2] or item.action or item
      table.insert(offered, action.title)
      if action.title == "Wrap in urlescape()" then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  local fixed = vim.wait(5000, function()
    return count(buffer_text(bufnr), "${urlescape(data.aws_rds_token.orders_token)}") == 2
  end, 20)
  assert(fixed, "quick fix not applied; offered: " .. vim.inspect(offered))
end)

-- 6. Completion and signature help in an atlas.hcl being typed (Neovim 0.7 declares no snippets: plain text).
check("neovim completion", function()
  vim.fn.writefile({
    "locals {",
    '  db = "orders"',
    "}",
    'env "dev" {',
    "  url = local.",
    "  dev = urlqueryset(\"docker://postgres/16/dev\", ",
  }, dir .. "/typing.atlas.hcl")
  local bufnr = open("typing.atlas.hcl")
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(5000, function() return client.initialized end, 20), "client not initialized")
  assert(client.server_capabilities.completionProvider, "server does not announce completionProvider")
  local function request(method, line, character)
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
    local answers = vim.lsp.buf_request_sync(bufnr, method, params, 5000)
    assert(answers and answers[client_id], method .. ": no answer")
    assert(not answers[client_id].err, method .. ": " .. vim.inspect(answers[client_id].err))
    return answers[client_id].result
  end
  local list = request("textDocument/completion", 4, #"  url = local.")
  local items = list.items or list
  assert(#items == 1 and items[1].label == "db", "completion after local.: " .. vim.inspect(items))
  local edit = items[1].textEdit
  assert(edit and edit.newText == "db" and not edit.newText:find("%$"), "plain text edit: " .. vim.inspect(edit))
  local help = request("textDocument/signatureHelp", 5, #'  dev = urlqueryset("docker://postgres/16/dev", ')
  assert(help and help.activeParameter == 1, "signature help: " .. vim.inspect(help))
  assert(help.signatures[1].label:find("^urlqueryset%("), "signature: " .. help.signatures[1].label)
end)

-- 7. The shipped ftdetect is loaded (Neovim 0.7 knows *.hcl itself, so check the autocommand, not only the type).
check("neovim ftdetect", function()
  assert(vim.fn.exists("#filetypedetect#BufRead#*.atlas.hcl") == 1, "editors/neovim/ftdetect/atlas_hcl.vim not loaded")
  local bufnr = open("typing.atlas.hcl")
  assert(vim.bo[bufnr].filetype == "hcl", "filetype " .. vim.bo[bufnr].filetype)
end)

-- 8. Code lenses: listed, resolved lazily to a reference count, and run (vim.lsp.codelens.run) through the
-- integration's mercator.showReferences handler, which fills the quickfix list.
check("neovim code lens", function()
  local bufnr = vim.fn.bufnr(dir .. "/atlas.hcl")
  vim.api.nvim_set_current_buf(bufnr)
  local line = cursor_on(bufnr, 'data "aws_rds_token" "orders_token"', 0)
  vim.lsp.codelens.refresh()
  local lens
  local resolved = vim.wait(5000, function()
    for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
      if l.range.start.line == line and l.command and l.command.title:match("references?$") then
        lens = l
        return true
      end
    end
    return false
  end, 20)
  assert(resolved, "no resolved lens on the data source: " .. vim.inspect(vim.lsp.codelens.get(bufnr)))
  assert(lens.command.title == "2 references", "title " .. lens.command.title)
  assert(lens.command.command == "mercator.showReferences", "command " .. lens.command.command)
  vim.fn.setqflist({}, "r")
  -- Generate token shares the line: codelens.run asks which lens (vim.ui.select); the user picks the count.
  local select = vim.ui.select
  vim.ui.select = function(options, _, on_choice)
    for _, option in ipairs(options) do
      if option.lens.command.title == "2 references" then return on_choice(option) end
    end
    on_choice(nil)
  end
  vim.lsp.codelens.run()
  vim.ui.select = select
  assert(vim.wait(3000, function() return #vim.fn.getqflist() == 2 end, 20),
    "quickfix after running the lens: " .. vim.inspect(vim.fn.getqflist()))
  for _, item in ipairs(vim.fn.getqflist()) do
    assert(vim.api.nvim_buf_get_lines(item.bufnr, item.lnum - 1, item.lnum, false)[1]:find("aws_rds_token.orders_token", 1, true),
      "quickfix item not on a use: " .. vim.inspect(item))
  end
end)

-- 9. window/showDocument (how the Inspect schema lens opens its result; Neovim 0.7 has no handler, the integration
-- brings one): the document opens in the current window at the selection, and the answer is success.
check("neovim showDocument", function()
  local target = dir .. "/inspected.hcl"
  vim.fn.writefile({ 'table "users" {', '  schema = schema.public', "}" }, target)
  local client = vim.lsp.get_client_by_id(client_id)
  local handler = client.handlers["window/showDocument"] or vim.lsp.handlers["window/showDocument"]
  assert(handler, "no window/showDocument handler")
  local answer = handler(nil, { uri = vim.uri_from_fname(target), takeFocus = true,
    selection = { start = { line = 1, character = 2 }, ["end"] = { line = 1, character = 8 } } },
    { client_id = client_id, method = "window/showDocument" })
  assert(answer and answer.success == true, "answer " .. vim.inspect(answer))
  assert(vim.api.nvim_buf_get_name(0) == target, "current buffer " .. vim.api.nvim_buf_get_name(0))
  local cursor = vim.api.nvim_win_get_cursor(0)
  assert(cursor[1] == 2 and cursor[2] == 2, "cursor " .. vim.inspect(cursor))
end)

vim.fn.writefile(results, out)
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
if failed then vim.cmd("cquit 1") end
vim.cmd("qall!")
