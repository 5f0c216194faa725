-- Neovim (0.7 API) as the client of `pulint server`; run by scripts/nvim_lsp_test.sh.
--
-- Opens the fixtures of crates/pulint/tests/lsp/ (a Python project of two files, a TypeScript
-- project, a Markdown answer), waits for diagnostics, checks the expected codes and their columns
-- (Neovim turns the server's UTF-16 positions into byte columns), applies a quick fix and a
-- suppression through textDocument/codeAction and waits for the finding to go, then stops the
-- client and checks the server's exit status. Writes every diagnostic it saw and a verdict to
-- $PULINT_NVIM_REPORT and exits 0 only when every check passed.

local bin = assert(os.getenv('PULINT_BIN'), 'PULINT_BIN')
local fixtures = assert(os.getenv('PULINT_LSP_FIXTURES'), 'PULINT_LSP_FIXTURES')
local report_path = assert(os.getenv('PULINT_NVIM_REPORT'), 'PULINT_NVIM_REPORT')
local TIMEOUT = 30000

local report = {}
local failures = 0
local function say(line) table.insert(report, line) end
local function check(ok, what)
  say((ok and 'ok   ' or 'FAIL ') .. what)
  if not ok then failures = failures + 1 end
end

local exit_status = nil
local client_id = vim.lsp.start_client({
  name = 'pulint',
  cmd = { bin, 'server' },
  root_dir = fixtures,
  on_exit = function(code) exit_status = code end,
})
assert(client_id, 'the client did not start')

local function open(rel, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(fixtures .. '/' .. rel))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetype
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do out[code_of(d)] = d end
  return out
end

local function wait_for(what, cond)
  local ok = vim.wait(TIMEOUT, cond, 50)
  check(ok, 'waited for ' .. what)
  return ok
end

local function dump(buf, rel)
  local ds = vim.diagnostic.get(buf)
  table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  for _, d in ipairs(ds) do
    local message = vim.split(d.message, '\n', true)[1]
    say(string.format('  %s:%d:%d %s %s', rel, d.lnum + 1, d.col + 1, code_of(d), message))
  end
end

-- The byte column (0-based) of `needle` on a 1-based line of a file on disk.
local function column_of(path, lnum, needle)
  local line = vim.fn.readfile(path)[lnum]
  local at = line and string.find(line, needle, 1, true)
  return at and at - 1
end

local function actions_at(buf, d)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = 0 }, ['end'] = { line = d.end_lnum or d.lnum, character = 0 } },
    -- As vim.lsp.buf.code_action() sends them.
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum, {}, client_id) },
  }
  -- The range is the whole line: every diagnostic starting on it.
  params.range['end'].character = 100000
  local client = vim.lsp.get_client_by_id(client_id)
  local response = client.request_sync('textDocument/codeAction', params, TIMEOUT, buf)
  return (response and response.result) or {}
end

local function apply(buf, d, pick, what)
  local chosen = nil
  for _, a in ipairs(actions_at(buf, d)) do
    say('  action: ' .. a.title)
    if pick(a) then chosen = chosen or a end
  end
  check(chosen ~= nil, what .. ' offered')
  if chosen then vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16') end
  return chosen
end

local function run()
  -- Python: only __main__.py is opened; network.py's finding comes with the program.
  local py = open('py/__main__.py', 'python')
  wait_for('Python diagnostics', function() return codes(py).OUT001 ~= nil end)
  local network = vim.uri_to_bufnr(vim.uri_from_fname(fixtures .. '/py/network.py'))
  wait_for('diagnostics of the unopened network.py', function() return codes(network).SEC001 ~= nil end)
  say('Python project (py/__main__.py opened):')
  dump(py, 'py/__main__.py')
  dump(network, 'py/network.py')
  check(codes(py).SEC016 ~= nil, 'py/__main__.py has SEC016')
  local sec001 = codes(network).SEC001
  check(sec001 and sec001.lnum == 5 and sec001.col == column_of(fixtures .. '/py/network.py', 6, '"0.0.0.0/0"'),
    'py/network.py SEC001 at the byte column of "0.0.0.0/0" (after é and 🚀)')

  -- TypeScript.
  local ts = open('ts/index.ts', 'typescript')
  wait_for('TypeScript diagnostics', function() return codes(ts).OUT001 ~= nil and codes(ts).SEC001 ~= nil end)
  say('TypeScript project (ts/index.ts opened):')
  dump(ts, 'ts/index.ts')
  local ts_sec001 = codes(ts).SEC001
  check(ts_sec001.lnum == 6 and ts_sec001.col == column_of(fixtures .. '/ts/index.ts', 7, '"0.0.0.0/0"'),
    'ts/index.ts SEC001 at the byte column of "0.0.0.0/0" (after é and 🚀)')

  -- Markdown: code in a list item of an answer.
  local md = open('answer.md', 'markdown')
  wait_for('Markdown diagnostics', function() return codes(md).OUT001 ~= nil end)
  say('Markdown answer (answer.md opened):')
  dump(md, 'answer.md')
  local md_out = codes(md).OUT001
  check(md_out.lnum == 11 and md_out.col == column_of(fixtures .. '/answer.md', 12, 'f"'),
    'answer.md OUT001 at the byte column of the f-string (after the fence indentation)')

  -- Quick fixes, applied as an editor applies them; the buffer change re-checks the program.
  say('Code actions:')
  apply(ts, codes(ts).OUT001, function(a) return a.isPreferred end, 'ts/index.ts OUT001 fix')
  wait_for('ts/index.ts OUT001 to be fixed', function() return codes(ts).OUT001 == nil end)
  check(vim.api.nvim_buf_get_lines(ts, 5, 6, false)[1]:find('pulumi.interpolate`', 1, true) ~= nil, 'ts/index.ts line 6 uses pulumi.interpolate')

  apply(py, codes(py).OUT001, function(a) return a.title:find('^Suppress') end, 'py/__main__.py OUT001 suppression')
  wait_for('py/__main__.py OUT001 to be suppressed', function() return codes(py).OUT001 == nil end)
  check(vim.api.nvim_buf_get_lines(py, 7, 8, false)[1]:find('  # pulint: ignore[OUT001]', 1, true) ~= nil, 'py/__main__.py line 8 ends with the suppression comment')
  check(codes(network).SEC001 ~= nil, 'py/network.py keeps SEC001')

  apply(md, codes(md).OUT001, function(a) return a.isPreferred end, 'answer.md OUT001 fix')
  wait_for('answer.md OUT001 to be fixed', function() return codes(md).OUT001 == nil end)
  check(vim.api.nvim_buf_get_lines(md, 11, 12, false)[1]
    == '   index = aws.s3.BucketObject("index", bucket=bucket.id, content=pulumi.Output.concat("é ", bucket.arn))',
    'answer.md line 12 rewritten in place, fence indentation kept')

  -- Shutdown and exit.
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function() return exit_status ~= nil end)
  check(exit_status == 0, 'the server exited with status 0 (status ' .. tostring(exit_status) .. ')')
end

local ok, err = pcall(run)
if not ok then
  failures = failures + 1
  say('FAIL error: ' .. tostring(err))
end
say(failures == 0 and 'PASS' or ('FAILED: ' .. failures .. ' check(s)'))
local f = io.open(report_path, 'w')
f:write(table.concat(report, '\n') .. '\n')
f:close()
os.exit(failures == 0 and 0 or 1)
