import { type CellValue, isDate } from '../domain/cells';
import type { SheetPort, WorkbookPort } from '../sheets/ports';
import { extentProblem, sheetExtent, XLSX_LIMITS } from './xlsx-limits';
import { wallClock } from './xlsx-workbook';
import { entryOf, inflated, readZip, writeZip, type ZipEntry } from './zip';

/**
 * The workbook port for the commands that read a workbook and write values only (`xhht score`,
 * `xhht validate`), at province scale. exceljs builds an object per cell of every sheet and writes
 * the whole file again: about 2.6 GB and 30 s for 50,000 units. This reads the cells' values straight
 * from the sheet XML, the way `XlsxWorkbook` gives them (blank as '', a formula's cached result, rich
 * text as plain text, dates in the workbook's time zone), and writes back only the rows it changed:
 * every other part of the file (styles, validations, conditional formats, other sheets, charts and
 * images, which exceljs would drop) keeps its bytes. New strings go to the shared-string table; a date
 * goes into a cell with a date format (one is added to the styles when the cell has none).
 *
 * Anything beyond that (formatting, a new sheet, a file this reader does not understand) throws
 * `PatchUnsupported`, and the command does the whole job again with exceljs (`XlsxWorkbook`).
 */

export class PatchUnsupported extends Error {}

type Limits = Record<keyof typeof XLSX_LIMITS, number>;

/** A worksheet beyond XLSX_LIMITS, found while parsing it: the message says which and how far. */
export class PatchTooBig extends Error {}

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DATE_FORMAT = 'dd/mm/yyyy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
/** Built-in number formats that exceljs reads as dates (its defaultnumformats table). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** exceljs's default date format (built-in 14, «mm-dd-yy»): a written date gets ours instead. */
const DEFAULT_DATE_ID = 14;
const DAY_MS = 24 * 3600 * 1000;

/** exceljs's `isDateFmt`: a format with date or time letters outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text as a parser gives it (line ends normalised, entities decoded). */
function xmlText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return String.fromCodePoint(code);
    }
    return ENTITIES[name] ?? whole;
  });
}

/** The text of `<t>` elements of a string item (rich text runs joined), as exceljs reads it. */
function stringItem(xml: string): string {
  let text = '';
  const runs = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let match = runs.exec(xml); match; match = runs.exec(xml)) {
    // Phonetic runs (<rPh>) are not part of the text.
    const before = xml.lastIndexOf('<rPh', match.index);
    if (before >= 0 && xml.lastIndexOf('</rPh>', match.index) < before) continue;
    text += xmlText(match[1] ?? '');
  }
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function escapeXml(text: string, attribute = false): string {
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;');
  // Characters XML 1.0 cannot hold (and a carriage return, which a reader would turn into a line
  // feed), written as Office does (_xHHHH_), which exceljs reads back.
  let kept = '';
  for (let i = 0; i < out.length; i += 1) {
    const code = out.charCodeAt(i);
    kept +=
      (code < 0x20 && code !== 9 && code !== 10) || code === 0xfffe || code === 0xffff
        ? `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`
        : out[i];
  }
  return kept;
}

const attributes = new Map<string, RegExp>();

/** The value of attribute `name` in a tag's text (a space before it, as every writer puts). */
function attr(tag: string, name: string): string | undefined {
  // indexOf first: a regular expression per cell and attribute was a tenth of a 50,000-unit run.
  const key = ` ${name}="`;
  const at = tag.indexOf(key);
  if (at >= 0) {
    const end = tag.indexOf('"', at + key.length);
    return end < 0 ? undefined : tag.slice(at + key.length, end);
  }
  if (!/[\t\n\r]/.test(tag)) return undefined;
  let pattern = attributes.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\s${name}="([^"]*)"`);
    attributes.set(name, pattern);
  }
  const match = pattern.exec(tag);
  return match ? match[1] : undefined;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i += 1) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Joins a folder and a relationship target («worksheets/sheet1.xml», «/xl/…», «../…»). */
function partPath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

/** The workbook's styles: which cell formats are dates, and new formats for written dates. */
class Styles {
  private readonly formats = new Map<number, string>();
  private readonly xfs: string[] = [];
  private readonly added: string[] = [];
  private readonly addedFormats: { id: number; code: string }[] = [];
  private readonly made = new Map<string, number>();

  constructor(private readonly xml: string | undefined) {
    if (!xml) return;
    const numFmts = /<numFmts\b[^>]*>([\s\S]*?)<\/numFmts>/.exec(xml)?.[1] ?? '';
    for (const match of numFmts.matchAll(/<numFmt\b[^>]*\/?>/g)) {
      const id = Number(attr(match[0], 'numFmtId'));
      this.formats.set(id, xmlText(attr(match[0], 'formatCode') ?? ''));
    }
    const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
    for (const match of cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)) {
      this.xfs.push(match[0]);
    }
  }

  get changed(): boolean {
    return this.added.length > 0;
  }

  /** Whether a date format can be added (the file has cell styles). */
  get usable(): boolean {
    return this.xml !== undefined && this.xfs.length > 0;
  }

  private formatOf(style: number): number {
    return Number(attr(this.xfs[style] ?? '', 'numFmtId') ?? 0);
  }

  isDate(style: number): boolean {
    const id = this.formatOf(style);
    const code = this.formats.get(id);
    return code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code);
  }

  /**
   * The style a date is written with into a cell of `style`: that style when it already shows a date
   * (other than exceljs's default US one), else a copy of it with the Vietnamese date format.
   */
  dateStyle(style: number, withTime: boolean): number {
    const id = this.formatOf(style);
    if (id !== DEFAULT_DATE_ID && this.isDate(style)) return style;
    const code = withTime ? DATE_TIME_FORMAT : DATE_FORMAT;
    const key = `${style}|${code}`;
    const known = this.made.get(key);
    if (known !== undefined) return known;
    if (!this.xml || this.xfs.length === 0) throw new PatchUnsupported('no cell styles');
    let formatId = [...this.formats].find(([, c]) => c === code)?.[0];
    if (formatId === undefined) {
      formatId = Math.max(163, ...this.formats.keys()) + 1;
      this.formats.set(formatId, code);
      this.addedFormats.push({ id: formatId, code });
    }
    const base = this.xfs[style] ?? this.xfs[0] ?? '<xf numFmtId="0"/>';
    let xf = base.replace(/\snumFmtId="[^"]*"/, ` numFmtId="${formatId}"`);
    if (!/\snumFmtId=/.test(xf)) xf = xf.replace(/^<xf\b/, `<xf numFmtId="${formatId}"`);
    xf = /\sapplyNumberFormat="/.test(xf)
      ? xf.replace(/\sapplyNumberFormat="[^"]*"/, ' applyNumberFormat="1"')
      : xf.replace(/^<xf\b/, '<xf applyNumberFormat="1"');
    const index = this.xfs.length;
    this.xfs.push(xf);
    this.added.push(xf);
    this.made.set(key, index);
    return index;
  }

  /** styles.xml with the formats and styles added. */
  serialize(): string {
    let xml = this.xml ?? '';
    if (this.addedFormats.length > 0) {
      const added = this.addedFormats
        .map(({ id, code }) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code, true)}"/>`)
        .join('');
      xml = /<numFmts\b/.test(xml)
        ? xml.replace(
            /<numFmts\b([^>]*)>([\s\S]*?)<\/numFmts>/,
            (_, attrs: string, body: string) => {
              const count = (body.match(/<numFmt\b/g) ?? []).length + this.addedFormats.length;
              return `<numFmts${attrs.replace(/\scount="\d*"/, '')} count="${count}">${body}${added}</numFmts>`;
            },
          )
        : xml.replace(
            /<styleSheet\b[^>]*>/,
            (open) => `${open}<numFmts count="${this.addedFormats.length}">${added}</numFmts>`,
          );
    }
    return xml.replace(
      /<cellXfs\b([^>]*)>([\s\S]*?)<\/cellXfs>/,
      (_, attrs: string, body: string) =>
        `<cellXfs${attrs.replace(/\scount="\d*"/, '')} count="${this.xfs.length}">${body}${this.added.join('')}</cellXfs>`,
    );
  }
}

/** The shared-string table: read for the values, appended to for written strings. */
class SharedStrings {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private references = 0;

  constructor(private readonly xml: string | undefined) {
    if (!xml) return;
    for (const match of xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)) {
      const body = match[1] ?? '';
      const text = stringItem(body);
      // Only a plain item is reused for a written string (a rich one keeps its runs' formats).
      if (!body.includes('<r>') && !this.index.has(text)) this.index.set(text, this.texts.length);
      this.texts.push(text);
    }
  }

  get present(): boolean {
    return this.xml !== undefined;
  }

  get changed(): boolean {
    return this.references > 0;
  }

  indexOf(text: string): number {
    this.references += 1;
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.texts.length;
      this.texts.push(text);
      this.index.set(text, at);
      const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
      this.added.push(`<si><t${space}>${escapeXml(text)}</t></si>`);
    }
    return at;
  }

  serialize(): string {
    const xml = this.xml ?? '';
    return xml.replace(/<sst\b([^>]*)>([\s\S]*)<\/sst>|<sst\b([^>]*)\/>/, (_, a, body, b) => {
      const attrs = String(a ?? b ?? '');
      const count = Number(attr(attrs, 'count') ?? 0) + this.references;
      const kept = attrs.replace(/\s(?:count|uniqueCount)="\d*"/g, '');
      return `<sst${kept} count="${count}" uniqueCount="${this.texts.length}">${body ?? ''}${this.added.join('')}</sst>`;
    });
  }
}

interface Shared {
  readonly strings: SharedStrings;
  readonly styles: Styles;
  readonly date1904: boolean;
  timeZone: string;
  readonly limits: Limits;
  /** The last date written and its serial: a run writes the same «Chấm lúc» on every row. */
  lastDate?: { readonly time: number; readonly serial: number; readonly withTime: boolean };
  /** Set when a written cell held a formula: the calculation chain then names a cell that has none. */
  formulaOverwritten: boolean;
}

/** One worksheet part: its values parsed once, its rows rewritten where written. */
class PatchSheet implements SheetPort {
  private xml: string;
  /** Row number → [start, end) of its <row> element in `xml`. */
  private readonly rowAt = new Map<number, [number, number]>();
  private rows: CellValue[][] = [];
  private extentRows = 0;
  private extentColumns = 0;
  private readonly patches = new Map<number, Map<number, CellValue>>();
  /** Cells (row × 16384 + column) holding a shared formula's master or an array formula. */
  private readonly anchoredFormulas = new Set<number>();
  private dataStart = 0;
  private dataEnd = 0;

  constructor(
    readonly name: string,
    readonly part: string,
    xml: string,
    private readonly shared: Shared,
  ) {
    this.xml = xml;
    this.parse();
  }

  get changed(): boolean {
    return this.patches.size > 0;
  }

  private parse(): void {
    const xml = this.xml;
    const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
    if (!open) throw new PatchUnsupported('no sheetData (a namespace prefix?)');
    this.dataStart = open.index + open[0].length;
    if (open[1] === '/') {
      // <sheetData/>: rows would go inside an element that has none yet.
      this.dataEnd = -1;
      return;
    }
    this.dataEnd = xml.indexOf('</sheetData>', this.dataStart);
    if (this.dataEnd < 0) throw new PatchUnsupported('sheetData not closed');
    const rowTag = /<row\b([^>]*?)(\/?)>/g;
    rowTag.lastIndex = this.dataStart;
    let previous = 0;
    for (let match = rowTag.exec(xml); match && match.index < this.dataEnd; ) {
      const number = Number(attr(match[0], 'r') ?? previous + 1);
      if (number > this.shared.limits.rows) this.tooBig(number, 0);
      const contentStart = match.index + match[0].length;
      const end = match[2] === '/' ? contentStart : xml.indexOf('</row>', contentStart) + 6;
      if (end < contentStart) throw new PatchUnsupported('row not closed');
      this.rowAt.set(number, [match.index, end]);
      if (match[2] !== '/') this.parseCells(number, xml.slice(contentStart, end - 6));
      previous = number;
      rowTag.lastIndex = end;
      match = rowTag.exec(xml);
    }
  }

  private parseCells(row: number, content: string): void {
    const cell = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    let column = 0;
    let values: CellValue[] | undefined;
    for (let match = cell.exec(content); match; match = cell.exec(content)) {
      const attrs = match[1] ?? '';
      const ref = attr(attrs, 'r');
      column = ref ? columnNumber(/^[A-Z]+/.exec(ref)?.[0] ?? '') : column + 1;
      if (column > this.shared.limits.columns) this.tooBig(row, column);
      const body = match[2] ?? '';
      if (body.includes('<f') && /<f\b[^>]*\b(?:t="shared"[^>]*\bref=|t="array")/.test(body))
        this.anchoredFormulas.add(row * 16384 + column);
      const value = this.valueOf(attrs, body);
      if (value === '') continue;
      values ??= this.rows[row - 1] ?? [];
      while (values.length < column - 1) values.push('');
      values[column - 1] = value;
      this.extentRows = Math.max(this.extentRows, row);
      this.extentColumns = Math.max(this.extentColumns, column);
    }
    if (values) this.rows[row - 1] = values;
  }

  /**
   * Stops at the first row or column past the limits, before any grid of that size is built, naming
   * the sheet's whole extent as xlsxProblem does (a pass over its XML, on this refusal only).
   */
  private tooBig(row: number, column: number): never {
    const whole = sheetExtent(this.xml);
    const extent = { rows: Math.max(row, whole.rows), columns: Math.max(column, whole.columns) };
    throw new PatchTooBig(extentProblem(this.part, extent, this.shared.limits) ?? this.part);
  }

  private valueOf(attrs: string, body: string): CellValue {
    const type = attr(attrs, 't') ?? 'n';
    if (type === 'inlineStr') return stringItem(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>|<v\s*\/>/.exec(body);
    if (!v) return '';
    const raw = xmlText(v[1] ?? '');
    switch (type) {
      case 's':
        return this.shared.strings.texts[Number(raw)] ?? '';
      case 'str':
        return raw;
      case 'b':
        return raw === '1' || raw === 'true';
      case 'e':
        return raw;
      case 'd': {
        const stored = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
        return Number.isNaN(stored.getTime()) ? raw : this.fromWallClock(stored);
      }
      default: {
        if (raw === '') return '';
        const number = Number(raw);
        if (Number.isNaN(number)) return raw;
        const style = Number(attr(attrs, 's') ?? 0);
        if (!this.shared.styles.isDate(style)) return number;
        const offset = this.shared.date1904 ? 1462 : 0;
        return this.fromWallClock(new Date(Math.round((number - 25569 + offset) * DAY_MS)));
      }
    }
  }

  /** The instant whose wall-clock time in the workbook's zone the stored (UTC) Date shows. */
  private fromWallClock(stored: Date): Date {
    const offset = wallClock(stored, this.shared.timeZone).getTime() - stored.getTime();
    return new Date(stored.getTime() - offset);
  }

  readValues(): CellValue[][] {
    return this.readRange(1, 1, this.extentRows, this.extentColumns);
  }

  findRows(column: number, text: string, fromRow: number): number[] {
    const wanted = text.trim().toLowerCase();
    if (wanted === '' || fromRow > this.extentRows) return [];
    const rows: number[] = [];
    this.readRange(fromRow, column, this.extentRows - fromRow + 1, 1).forEach(([value], i) => {
      if (
        String(value ?? '')
          .trim()
          .toLowerCase() === wanted
      )
        rows.push(fromRow + i);
    });
    return rows;
  }

  lastRow(): number {
    return this.extentRows;
  }

  lastColumn(): number {
    return this.extentColumns;
  }

  readRange(first: number, column: number, rows: number, columns: number): CellValue[][] {
    const block: CellValue[][] = [];
    for (let r = 0; r < rows; r += 1) {
      const values = this.rows[first + r - 1];
      const line: CellValue[] = new Array(Math.max(0, columns));
      for (let c = 0; c < columns; c += 1) {
        const value = values?.[column + c - 1];
        line[c] = value === undefined ? '' : isDate(value) ? new Date(value.getTime()) : value;
      }
      block.push(line);
    }
    return block;
  }

  writeValues(row: number, column: number, values: CellValue[][]): void {
    if (this.dataEnd < 0) throw new PatchUnsupported('empty sheetData');
    values.forEach((cells, r) => {
      const number = row + r;
      let patch = this.patches.get(number);
      if (!patch) {
        patch = new Map();
        this.patches.set(number, patch);
      }
      const line = this.rows[number - 1] ?? [];
      cells.forEach((value, c) => {
        if (typeof value === 'number' && !Number.isFinite(value))
          throw new PatchUnsupported('a number that is not finite');
        // Writing over the master of a shared formula would orphan the cells that share it.
        if (this.anchoredFormulas.has(number * 16384 + column + c))
          throw new PatchUnsupported('a shared or array formula');
        if (isDate(value) && !this.shared.styles.usable) throw new PatchUnsupported('no styles');
        patch.set(column + c, value);
        while (line.length < column + c) line.push('');
        line[column + c - 1] = value;
      });
      this.rows[number - 1] = line;
    });
    this.rescanExtent();
  }

  private rescanExtent(): void {
    let rows = 0;
    let columns = 0;
    this.rows.forEach((line, r) => {
      if (!line) return;
      for (let c = line.length - 1; c >= 0; c -= 1) {
        if (line[c] !== '' && line[c] !== undefined) {
          rows = r + 1;
          columns = Math.max(columns, c + 1);
          break;
        }
      }
    });
    this.extentRows = rows;
    this.extentColumns = columns;
  }

  /** The XML of one written cell at `ref`, keeping the attributes of the cell it replaces. */
  private cellXml(ref: string, old: string | undefined, value: CellValue): string {
    const oldAttrs = old ? (/^<c\b([^>]*?)\/?>/.exec(old)?.[1] ?? '') : '';
    const oldBody = old ? (/^<c\b[^>]*?>([\s\S]*)<\/c>$/.exec(old)?.[1] ?? '') : '';
    if (/<f\b/.test(oldBody)) {
      this.shared.formulaOverwritten = true;
    }
    // The value's own attributes are written again; the style and anything else are kept.
    const kept = oldAttrs.replace(/\s(?:r|t|s|cm|vm)="[^"]*"/g, '');
    let style = Number(attr(oldAttrs, 's') ?? 0);
    let type = '';
    let body = '';
    if (value === '') body = '';
    else if (typeof value === 'number') body = `<v>${value}</v>`;
    else if (typeof value === 'boolean') {
      type = 'b';
      body = `<v>${value ? 1 : 0}</v>`;
    } else if (isDate(value)) {
      let known = this.shared.lastDate;
      if (known?.time !== value.getTime()) {
        const local = wallClock(value, this.shared.timeZone);
        known = {
          time: value.getTime(),
          serial: 25569 + local.getTime() / DAY_MS - (this.shared.date1904 ? 1462 : 0),
          withTime: local.getUTCHours() + local.getUTCMinutes() + local.getUTCSeconds() !== 0,
        };
        this.shared.lastDate = known;
      }
      style = this.shared.styles.dateStyle(style, known.withTime);
      body = `<v>${known.serial}</v>`;
    } else if (this.shared.strings.present) {
      type = 's';
      body = `<v>${this.shared.strings.indexOf(value)}</v>`;
    } else {
      type = 'inlineStr';
      const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
      body = `<is><t${space}>${escapeXml(value)}</t></is>`;
    }
    if (body === '' && style === 0 && kept === '') return '';
    const s = style === 0 ? '' : ` s="${style}"`;
    const t = type ? ` t="${type}"` : '';
    return body === '' ? `<c r="${ref}"${s}${kept}/>` : `<c r="${ref}"${s}${t}${kept}>${body}</c>`;
  }

  /** The row's XML with the patched cells replaced or inserted in column order. */
  private rowXml(number: number, old: string | undefined, patch: Map<number, CellValue>): string {
    const open = old ? (/^<row\b[^>]*?(?=\/?>)/.exec(old)?.[0] ?? `<row r="${number}"`) : '';
    const content = old && !/^<row\b[^>]*\/>$/.test(old) ? old.slice(old.indexOf('>') + 1, -6) : '';
    const cells: { column: number; xml: string }[] = [];
    const cell = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    let column = 0;
    for (let match = cell.exec(content); match; match = cell.exec(content)) {
      const ref = attr(match[1] ?? '', 'r');
      column = ref ? columnNumber(/^[A-Z]+/.exec(ref)?.[0] ?? '') : column + 1;
      cells.push({ column, xml: match[0] });
    }
    const byColumn = new Map(cells.map((c) => [c.column, c.xml]));
    for (const [at, value] of patch) {
      byColumn.set(at, this.cellXml(`${columnLetters(at)}${number}`, byColumn.get(at), value));
    }
    const body = [...byColumn]
      .sort(([a], [b]) => a - b)
      .map(([at, xml]) =>
        // A cell without r (allowed) would shift once others are inserted before it.
        /^<c\b[^>]*\sr="/.test(xml)
          ? xml
          : xml.replace(/^<c\b/, `<c r="${columnLetters(at)}${number}"`),
      )
      .join('');
    // «spans» is a hint of the row's first and last cell: dropped rather than left wrong.
    const head = (open || `<row r="${number}"`).replace(/\sspans="[^"]*"/, '');
    return body === '' ? `${head}/>` : `${head}>${body}</row>`;
  }

  /** The worksheet's XML with the written rows. */
  serialize(): string {
    // A row written where none was: every row in order (rare: score writes rows that exist).
    if ([...this.patches.keys()].some((n) => !this.rowAt.has(n)))
      return this.withDimension(this.rebuildInOrder());
    const xml = this.xml;
    const out: string[] = [];
    let at = 0;
    const written = [...this.patches.keys()].sort((a, b) => a - b);
    for (const number of written) {
      const [start, end] = this.rowAt.get(number) ?? [0, 0];
      out.push(xml.slice(at, start));
      out.push(this.rowXml(number, xml.slice(start, end), this.patches.get(number) ?? new Map()));
      at = end;
    }
    out.push(xml.slice(at));
    return this.withDimension(out.join(''));
  }

  /** Every row in order, written ones rebuilt: used when new rows fall between existing ones. */
  private rebuildInOrder(): string {
    const xml = this.xml;
    const numbers = [...new Set([...this.rowAt.keys(), ...this.patches.keys()])].sort(
      (a, b) => a - b,
    );
    const rows = numbers.map((number) => {
      const place = this.rowAt.get(number);
      const old = place ? xml.slice(place[0], place[1]) : undefined;
      const patch = this.patches.get(number);
      return patch ? this.rowXml(number, old, patch) : (old ?? '');
    });
    return xml.slice(0, this.dataStart) + rows.join('') + xml.slice(this.dataEnd);
  }

  private withDimension(xml: string): string {
    if (this.extentRows === 0) return xml;
    const ref = `A1:${columnLetters(Math.max(1, this.extentColumns))}${this.extentRows}`;
    return xml.replace(/<dimension\b[^>]*?\bref="([^"]*)"/, (tag, old: string) => {
      const [, to = old] = old.split(':');
      const match = /^([A-Z]+)(\d+)$/.exec(to);
      if (!match) return tag;
      const grows =
        columnNumber(match[1] ?? '') < this.extentColumns || Number(match[2]) < this.extentRows;
      return grows ? tag.replace(old, ref) : tag;
    });
  }

  // What `score` and `validate` never do: the command does it with exceljs instead.
  private unsupported(): never {
    throw new PatchUnsupported('formatting');
  }
  freeze(): void {
    this.unsupported();
  }
  styleHeader(): void {
    this.unsupported();
  }
  requireNumberBetween(): void {
    this.unsupported();
  }
  requireOneOf(): void {
    this.unsupported();
  }
  setNumberFormat(): void {
    this.unsupported();
  }
  highlightWhereDiffer(): void {
    this.unsupported();
  }
  setColumnWidth(): void {
    this.unsupported();
  }
  trimColumns(): void {}
  hide(): void {
    this.unsupported();
  }
  protectColumnsWarningOnly(): void {}
  protectColumnsFor(): void {}
  // No accounts in an .xlsx: set-up or «Xác nhận danh sách người dùng» protects these online.
  protectSheetFor(): void {}
  protectRowsFor(): void {}

  mergedInRow(row: number): string[] {
    const merges: string[] = [];
    for (const match of this.xml.matchAll(/<mergeCell\b[^>]*\bref="([^"]*)"/g)) {
      const ref = match[1] ?? '';
      const rows = ref.split(':').map((part) => Number(/\d+$/.exec(part)?.[0] ?? 0));
      const [top = 0, bottom = top] = rows;
      if (top <= row && row <= bottom) merges.push(ref);
    }
    return merges;
  }
}

/** An .xlsx read for values and written back part by part. */
export class PatchedWorkbook implements WorkbookPort {
  private readonly sheets = new Map<string, { part: string; loaded?: PatchSheet }>();
  private readonly shared: Shared;

  private constructor(
    private readonly entries: ZipEntry[],
    private readonly texts: Map<string, string>,
    private readonly parts: Map<string, Buffer>,
    limits: Limits,
  ) {
    const workbook = texts.get('xl/workbook.xml') ?? '';
    const rels = texts.get('xl/_rels/workbook.xml.rels') ?? '';
    const targets = new Map<string, string>();
    const worksheets = new Set<string>();
    for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(match[0], 'Id');
      const target = attr(match[0], 'Target');
      if (!id || !target) continue;
      targets.set(id, partPath('xl', xmlText(target)));
      // Chart sheets and dialog sheets hold no cells: like exceljs, they are no worksheet.
      if (/\/worksheet$/.test(attr(match[0], 'Type') ?? '')) worksheets.add(id);
    }
    for (const match of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const name = xmlText(attr(match[0], 'name') ?? '');
      const id = attr(match[0], 'r:id') ?? '';
      const part = targets.get(id);
      if (part && worksheets.has(id)) this.sheets.set(name, { part });
    }
    const sharedPart = [...targets.values()].find((p) => /sharedStrings\d*\.xml$/.test(p));
    const stylesPart = [...targets.values()].find((p) => /styles\d*\.xml$/.test(p));
    this.stringsPart = sharedPart ?? 'xl/sharedStrings.xml';
    this.stylesPart = stylesPart ?? 'xl/styles.xml';
    this.shared = {
      strings: new SharedStrings(this.text(this.stringsPart)),
      styles: new Styles(this.text(this.stylesPart)),
      date1904: /<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook),
      timeZone: DEFAULT_TIME_ZONE,
      limits,
      formulaOverwritten: false,
    };
    // Every sheet parsed now: a sheet past the limits is refused before any command runs.
    for (const name of this.sheets.keys()) this.sheet(name);
  }

  private readonly stringsPart: string;
  private readonly stylesPart: string;

  private text(part: string): string | undefined {
    const known = this.texts.get(part);
    if (known !== undefined) return known;
    const entry = this.entries.find((e) => e.name === part);
    if (!entry) return undefined;
    let bytes = this.parts.get(part);
    if (!bytes) {
      try {
        bytes = inflated(entry);
      } catch {
        throw new PatchUnsupported(`damaged part ${part}`); // exceljs says so in its own words
      }
    }
    this.parts.delete(part);
    const text = bytes.toString('utf8');
    this.texts.set(part, text);
    return text;
  }

  /**
   * The workbook of these bytes, or PatchUnsupported for a file only exceljs reads, PatchTooBig for a
   * sheet past `limits`. `parts` are parts already inflated (by xlsxProblem), by name.
   */
  static read(
    bytes: Buffer,
    parts: Map<string, Buffer> = new Map(),
    limits: Limits = XLSX_LIMITS,
  ): PatchedWorkbook {
    const entries = readZip(bytes);
    if (!entries) throw new PatchUnsupported('zip');
    const texts = new Map<string, string>();
    for (const name of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
      const entry = entries.find((e) => e.name === name);
      if (!entry) throw new PatchUnsupported(`no ${name}`);
      texts.set(name, (parts.get(name) ?? inflated(entry)).toString('utf8'));
    }
    if (!/<sheets\b/.test(texts.get('xl/workbook.xml') ?? ''))
      throw new PatchUnsupported('workbook.xml with a namespace prefix');
    return new PatchedWorkbook(entries, texts, parts, limits);
  }

  sheet(name: string): SheetPort | undefined {
    const known = this.sheets.get(name);
    if (!known) return undefined;
    if (!known.loaded) {
      const xml = this.text(known.part);
      if (xml === undefined) throw new PatchUnsupported(`no part ${known.part}`);
      known.loaded = new PatchSheet(name, known.part, xml, this.shared);
      // The XML is parsed: its text is kept by the sheet alone.
      this.texts.delete(known.part);
    }
    return known.loaded;
  }

  addSheet(): SheetPort {
    throw new PatchUnsupported('a new sheet');
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  removeSheet(): void {
    throw new PatchUnsupported('removing a sheet');
  }

  setLocaleAndTimeZone(_locale: string, timeZone: string): void {
    this.shared.timeZone = timeZone;
  }

  selection(): undefined {
    return undefined;
  }

  select(): void {}

  flush(): void {}

  /** Whether anything was written. */
  get changed(): boolean {
    return [...this.sheets.values()].some((s) => s.loaded?.changed);
  }

  /** The file's bytes: the parts written again, every other part as it was. */
  async toBuffer(): Promise<Buffer> {
    const replaced = new Map<string, string>();
    for (const { loaded } of this.sheets.values()) {
      if (loaded?.changed) replaced.set(loaded.part, loaded.serialize());
    }
    if (this.shared.strings.changed)
      replaced.set(this.stringsPart, this.shared.strings.serialize());
    if (this.shared.styles.changed) replaced.set(this.stylesPart, this.shared.styles.serialize());
    let dropped: string | undefined;
    if (this.shared.formulaOverwritten) {
      // The calculation chain lists formula cells; one that lost its formula makes Excel repair the
      // file. The chain is a cache: Excel rebuilds it.
      dropped = this.entries.find((e) => /^xl\/calcChain\d*\.xml$/.test(e.name))?.name;
      if (dropped) {
        const file = dropped.slice(3);
        const rels = this.text('xl/_rels/workbook.xml.rels') ?? '';
        replaced.set(
          'xl/_rels/workbook.xml.rels',
          rels.replace(new RegExp(`<Relationship\\b[^>]*Target="/?(?:xl/)?${file}"[^>]*/>`), ''),
        );
        const types = this.text('[Content_Types].xml') ?? '';
        replaced.set(
          '[Content_Types].xml',
          types.replace(new RegExp(`<Override\\b[^>]*PartName="/${dropped}"[^>]*/>`), ''),
        );
      }
    }
    const entries = this.entries
      .filter((entry) => entry.name !== dropped)
      .map((entry) => {
        const text = replaced.get(entry.name);
        return text === undefined ? entry : entryOf(entry.name, Buffer.from(text, 'utf8'), entry);
      });
    return writeZip(entries);
  }
}
