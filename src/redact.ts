/** A secret as a server may echo it back: in a URL, a form, JSON, HTML or base64. */
function encodings(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const strict = url.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  return [
    secret,
    url,
    strict,
    strict.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    base64,
    base64.replace(/=+$/, ''),
    base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  ];
}

/**
 * Replace every known secret (passwords, client secret, tokens, the Basic header's base64),
 * and every encoded form a server could echo it in, in text that came from outside, such as
 * an instance's error detail that echoes a request. Longer forms go first, so no fragment of
 * one survives the replacement of another.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const forms = new Set<string>();
  for (const secret of secrets) if (secret.length >= 3) for (const form of encodings(secret)) if (form.length >= 3) forms.add(form);
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('[redacted]');
  return out;
}
