// Masks sensitive values in message text before it is shown, mirroring the server's main
// DLP detectors (keys, tokens, card numbers with Luhn, SSNs, IBANs with mod-97). The
// transcript shows only a masked preview, never the value.

const DETECTORS = [
  { id: 'private-key', name: 'Private key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g },
  { id: 'openai-key', name: 'OpenAI API key', re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { id: 'aws-access-key', name: 'AWS access key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { id: 'jwt', name: 'JSON web token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { id: 'credit-card', name: 'Card number', re: /\b\d(?:[ -]?\d){12,18}\b/g, valid: luhn },
  { id: 'us-ssn', name: 'US SSN', re: /\b\d{3}-\d{2}-\d{4}\b/g, valid: ssn },
  { id: 'iban', name: 'IBAN', re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, valid: iban },
];

function luhn(value) {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ssn(value) {
  const [area, group, serial] = value.split('-');
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function iban(value) {
  const compact = value.replace(/ /g, '');
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return compact.length >= 15 && remainder === 1;
}

/** A preview that cannot be used: the first and last few characters, the rest as bullets. */
export function maskValue(value) {
  const compact = value.replace(/\s+/g, ' ');
  if (compact.length <= 8) return '•'.repeat(compact.length);
  const keep = compact.length >= 20 ? 4 : 2;
  return compact.slice(0, keep) + '•'.repeat(Math.min(compact.length - 2 * keep, 16)) + compact.slice(-keep);
}

/** Splits text into plain parts and sensitive parts: [{text} | {masked, detector, name}]. */
export function segments(text) {
  const hits = [];
  for (const detector of DETECTORS) {
    detector.re.lastIndex = 0;
    let m;
    while ((m = detector.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        detector.re.lastIndex++;
        continue;
      }
      if (detector.valid && !detector.valid(m[0])) continue;
      hits.push({ start: m.index, end: m.index + m[0].length, detector });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let at = 0;
  for (const hit of hits) {
    if (hit.start < at) continue;
    if (hit.start > at) out.push({ text: text.slice(at, hit.start) });
    out.push({ masked: maskValue(text.slice(hit.start, hit.end)), detector: hit.detector.id, name: hit.detector.name });
    at = hit.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
