import { describe, expect, it } from 'vitest';
import { escapeText, guardWorkflowCommands } from '../../src/render/escape.js';
import { code, escapeMarkdown } from '../../src/render/values.js';

describe('escaping text from outside', () => {
  it.each([
    ['a lone CR', 'a\rb', 'a b'],
    ['CRLF, LF, NEL, VT, FF, U+2028, U+2029', 'a\r\nb\nc\u0085d\u000be\u000cf\u2028g\u2029h', 'a b c d e f g h'],
    ['an HTML comment', 'x <!-- hide', 'x \\<!-- hide'],
    ['an entity spelling a bidi override', '&#x202e;', '\\&\\#x202e;'],
    ['a bidi override and an isolate (the code\'s backslash escaped, so it reads as written)', 'a\u202eb\u2067c', 'a\\\\u202eb\\\\u2067c'],
    ['zero-width characters that make two names look alike', 'admins\u200b\ufeff', 'admins\\\\u200b\\\\ufeff'],
    ['terminal escapes (C0 and C1)', '\u001b[2J\u009b0m', '\\\\x1b\\[2J\\\\x9b0m'],
    ['a mention', '@acme/admins', '@\u200bacme/admins'],
    ['table syntax', 'a | b', 'a \\| b'],
  ])('markdown: %s', (_what, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('code spans cannot be closed, split a row, break a line or open an HTML comment', () => {
    expect(code('a`b|c\rd\u2028e<!--f\u202e')).toBe('`a\'b\\|c d e\\x3c!--f\\u202e`');
  });

  it('text shows every control as its code, and no line may start a workflow command', () => {
    expect(escapeText('a\nb\r\u001b[31m\u0000\u007f\u202d')).toBe('a\\x0ab\\x0d\\x1b[31m\\x00\\x7f\\u202d');
    expect(guardWorkflowCommands('::error::x\n  ::add-mask::y\nok :: fine\n:single')).toBe('\\x3a:error::x\n  \\x3a:add-mask::y\nok :: fine\n:single');
  });
});
