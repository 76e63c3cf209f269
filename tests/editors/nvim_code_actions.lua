-- Neovim (headless) as the LSP client of `ms-lint server`: open the file given in $MS_LINT_FILE,
-- wait for diagnostics, apply the MSL101 quick fix, then "fix all"; write what happened to
-- $MS_LINT_OUT as JSON and quit. Runs on Neovim 0.7+ (vim.lsp.start_client, request_sync).
local out_path = os.getenv("MS_LINT_OUT")

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MS_LINT_FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "ms-lint",
    cmd = { os.getenv("MS_LINT_COMMAND"), "server" },
    root_dir = vim.fn.fnamemodify(os.getenv("MS_LINT_FILE"), ":h"),
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  local function has_diagnostic(code)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == code then return true end
    end
    return false
  end
  local function actions(line, character, only)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = line, character = character }, ["end"] = { line = line, character = character } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line), only = only },
    }
    local response = client.request_sync("textDocument/codeAction", params, 20000, bufnr)
    return response and response.result or {}
  end
  local result = { titles = {} }
  assert(vim.wait(30000, function() return has_diagnostic("MSL101") end, 20), "no MSL101 diagnostic arrived")
  result.codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(result.codes, d.code) end
  local first
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == "MSL101" and (first == nil or d.lnum < first.lnum) then first = d end
  end
  local chosen
  for _, action in ipairs(actions(first.lnum, first.col + 1)) do
    table.insert(result.titles, action.title)
    if action.kind == "quickfix" and action.title:find("MSL101", 1, true) and not action.title:find("Disable", 1, true) then chosen = action end
  end
  assert(chosen, "no MSL101 quick fix offered")
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  result.after_quickfix = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n"
  -- the server re-lints the change; wait until it has published diagnostics for it
  assert(vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = first.lnum })) do
      if d.code == "MSL101" then return false end
    end
    return true
  end, 20), "the MSL101 diagnostic stayed after its fix")
  local fix_all = actions(0, 0, { "source.fixAll.ms-lint" })
  assert(#fix_all == 1, "expected one fix-all action, got " .. #fix_all)
  table.insert(result.titles, fix_all[1].title)
  vim.lsp.util.apply_workspace_edit(fix_all[1].edit, client.offset_encoding)
  result.after_fix_all = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n"
  client.stop()
  return result
end

local ok, result = pcall(main)
local file = io.open(out_path, "w")
file:write(vim.fn.json_encode(ok and result or { error = tostring(result) }))
file:close()
vim.cmd("qa!")
