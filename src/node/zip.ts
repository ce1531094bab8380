import * as zlib from 'node:zlib';

/**
 * The zip container of an .xlsx, read and written again part by part: a part XHHT does not change
 * keeps its compressed bytes as they were (charts, images, styles, other sheets stay byte for byte),
 * and only a changed part is compressed again (Node's zlib). Zip64 and encrypted entries are not
 * read: `readZip` returns undefined and the caller uses exceljs instead.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly flags: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly size: number;
  /** The entry's data as stored in the file (compressed when method is 8). */
  readonly data: Buffer;
}

/**
 * Where the zip's end-of-central-directory record starts (searched back from the end, past a comment
 * of up to 65,535 bytes), or -1 when the bytes are no zip.
 */
export function endOfCentralDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - 22 - 65_535);
  for (let at = bytes.length - 22; at >= from; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/** The entries of a zip in their order, or undefined for what this reader does not handle. */
export function readZip(bytes: Buffer): ZipEntry[] | undefined {
  const end = endOfCentralDirectory(bytes);
  if (end < 0) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return undefined; // zip64
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return undefined;
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    if ((flags & 1) !== 0 || (method !== 0 && method !== 8)) return undefined; // encrypted, or exotic
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return undefined;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) return undefined;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) return undefined;
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method,
      flags,
      time: bytes.readUInt16LE(at + 12),
      date: bytes.readUInt16LE(at + 14),
      crc: bytes.readUInt32LE(at + 16),
      size,
      data: bytes.subarray(start, start + compressed),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** The uncompressed bytes of an entry. */
export function inflated(entry: ZipEntry): Buffer {
  return entry.method === 8 ? zlib.inflateRawSync(entry.data) : entry.data;
}

let crcTable: Int32Array | undefined;

/** zlib.crc32 where Node has it (20.15 and later), else the table-driven one. */
function crc32(bytes: Buffer): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const table = crcTable;
  let crc = -1;
  for (let i = 0; i < bytes.length; i += 1) {
    crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}

/** An entry holding `content`, deflated, dated like `like` (the part it replaces) when given. */
export function entryOf(name: string, content: Buffer, like?: ZipEntry): ZipEntry {
  return {
    name,
    method: 8,
    flags: 0x0800, // UTF-8 names
    time: like?.time ?? 0,
    date: like?.date ?? 0x21, // 1980-01-01
    crc: crc32(content),
    size: content.length,
    data: zlib.deflateRawSync(content, { level: 6 }),
  };
}

/**
 * The fields a local header and a central directory header share, in the same order (from «version
 * needed» to the name's length), written from byte `at`; extra and comment lengths stay 0.
 */
function writeEntryFields(
  header: Buffer,
  at: number,
  entry: ZipEntry,
  flags: number,
  nameLength: number,
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(flags, at + 2);
  header.writeUInt16LE(entry.method, at + 4);
  header.writeUInt16LE(entry.time, at + 6);
  header.writeUInt16LE(entry.date, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** The zip file of `entries`, in their order. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    // Sizes and CRC in the local header: no data descriptor (bit 3), whatever the source used.
    const flags = (entry.flags & ~0x0008) | 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    writeEntryFields(local, 4, entry, flags, name.length);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(CENTRAL, 0);
    head.writeUInt16LE(20, 4); // version made by
    writeEntryFields(head, 6, entry, flags, name.length);
    head.writeUInt32LE(offset, 42);
    chunks.push(local, name, entry.data);
    central.push(head, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
