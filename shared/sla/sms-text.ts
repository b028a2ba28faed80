/**
 * SMS text that a customer cannot abuse. Part of every page is the ticket's subject, which a
 * customer wrote; in an SMS it must not carry a link (phishing in our name), line breaks or control
 * characters, or a character outside the GSM 03.38 alphabet: one such character (an emoji, a
 * curly quote) makes the whole message UCS-2, 70 characters a part instead of 160, so a page
 * costs up to three times as much. AWS: "140 bytes … 160 GSM characters, 140 ASCII characters or
 * 70 UCS-2 characters" per part — https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html
 */

/** The most characters (and GSM septets) an SMS may have: one part, whatever the carrier's encoding. */
export const SMS_MAX = 140;

/** GSM 03.38's basic alphabet without its control characters (LF, CR, ESC). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table (each costs two septets: an escape and the character), without its form feed. */
const GSM_EXTENSION = new Set('^{}\\[]~|€');

/** Common characters outside GSM-7 and the GSM text that says the same. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '·': '.',
  '×': 'x',
  '`': "'",
  '´': "'",
  '\u00a0': ' ',
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  œ: 'oe',
  Œ: 'OE',
};

/** Anything a phone would turn into a link: schemes, `www.`, e-mail addresses and bare host names (`evil.example/x`). */
const LINK = /\b[a-z][a-z0-9+.-]*:\/\/\S*|\bwww\.\S*|\S+@\S+\.\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b(?:[/:?#]\S*)?/giu;

/** Septets a character takes in GSM-7, or `undefined` outside the alphabet. */
function septets(char: string): 1 | 2 | undefined {
  if (GSM_BASIC.has(char)) return 1;
  if (GSM_EXTENSION.has(char)) return 2;
  return undefined;
}

/** A character as GSM-7 text: itself, a look-alike, the letter without its accents, or nothing. */
function toGsm(char: string): string {
  if (septets(char) !== undefined) return char;
  const lookalike = LOOKALIKES[char];
  if (lookalike !== undefined) return lookalike;
  const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
  return [...bare].every((c) => septets(c) !== undefined) ? bare : '';
}

/**
 * Text a customer wrote, made safe for an SMS: links become `[link]`, control and format
 * characters and line breaks become spaces, every other character is GSM-7 (transliterated where
 * a plain letter says the same, dropped otherwise), and runs of spaces collapse.
 */
export function smsSafe(text: string): string {
  return [
    ...text
      .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
      .normalize('NFC')
      .replace(LINK, '[link]'),
  ]
    .map(toGsm)
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Our own words followed by customer text, cut to one SMS: at most `max` (`SMS_MAX`) characters
 * and septets, cut between characters (never inside a surrogate pair), with `...` where it was cut.
 * `ours` must already be GSM-7 and short; the customer's part is sanitised here.
 */
export function composeSms(ours: string, customerText: string, max = SMS_MAX): string {
  const text = `${ours}${smsSafe(customerText)}`.trim();
  const chars = [...text];
  const cost = (cs: readonly string[]) => cs.reduce((sum, c) => sum + (septets(c) ?? 2), 0);
  if (chars.length <= max && cost(chars) <= max) return text;
  const kept: string[] = [];
  let used = 3; // the closing "..."
  for (const char of chars) {
    const size = septets(char) ?? 2;
    if (kept.length + 1 > max - 3 || used + size > max) break;
    kept.push(char);
    used += size;
  }
  return `${kept.join('').trimEnd()}...`;
}

/** Whether a text is one GSM-7 SMS part of at most `SMS_MAX` characters with no control characters. */
export function isSafeSms(text: string): boolean {
  const chars = [...text];
  if (chars.length > SMS_MAX) return false;
  let used = 0;
  for (const char of chars) {
    const size = septets(char);
    if (size === undefined) return false;
    used += size;
  }
  return used <= SMS_MAX;
}
