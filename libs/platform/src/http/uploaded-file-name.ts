/**
 * The name of a file as multer hands it over: latin1, whatever the browser sent. A UTF-8 name (营业执照.pdf) is read
 * back as UTF-8 when that is what it was; control characters are dropped (PostgreSQL refuses a NUL in text, and a
 * hostile name must not become a 500); empty → `fallback`; at most `max` characters.
 */
export function uploadedFileName(raw: string | undefined, fallback: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- removing control characters from a file name is the point
  const name = (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '') || fallback;
  if (![...name].every((ch) => ch.charCodeAt(0) <= 0xff)) return name.slice(0, max);
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return (utf8.includes('\uFFFD') ? name : utf8).slice(0, max);
}
