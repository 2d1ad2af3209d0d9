"""Object literals of JavaScript/TypeScript read into the YAML scanners' tree."""

from __future__ import annotations

from toolkit.scanners.pathscan.js_tree import object_literals

SOURCE = """import { functions } from './functions';
const extra = { ignored: true };
export default {
  service: 'shop',
  provider: { name: 'aws', region: `${opt:region}` } as const,
  functions,
  ...extra,
  [computed]: 1,
  plugins: ['a', ...more, 'b'],
  handler: handlerPath(__dirname),
  // comment: 'not a key'
};
"""


def test_outermost_literals_become_nodes_with_lines() -> None:
    first, config = object_literals(SOURCE)
    assert first.plain() == {"ignored": "true"}
    assert list(config.plain()) == ["service", "provider", "functions", "plugins", "handler"]
    provider = config.get("provider")
    assert provider is not None and provider.line == 5
    assert provider.plain() == {"name": "aws", "region": "${opt:region}"}
    functions = config.get("functions")
    assert functions is not None and functions.value is None and functions.line == 6
    assert config.plain()["plugins"] == ["a", "b"]
    assert config.plain()["handler"] == "handlerPath(__dirname)"


def test_jsx_and_broken_code_do_not_stop_the_reading() -> None:
    jsx = "const view = <div>{items}</div>;\nmodule.exports = { service: 'x', provider: { name: 'aws' } };\n"
    (config,) = object_literals(jsx, tsx=True)
    assert config.get("service") is not None
    # unterminated: the literals tree-sitter recovers are kept, nothing raises
    broken = "export default { service: 'x', provider: { name: 'aws' }, functions: { a: { handler: 'h' "
    assert [literal.plain() for literal in object_literals(broken)] == [{"name": "aws"}]
