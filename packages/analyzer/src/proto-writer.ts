/**
 * A minimal protobuf binary writer. The analyzer sends one request per resource, and building
 * google-protobuf message objects (Struct.fromJavaScript, then serializeBinary) for each costs
 * more than writing the bytes directly; this writer produces the same bytes.
 *
 * One growing buffer; an embedded message reserves one length byte and, when it turns out
 * longer than 127 bytes, its body is moved right to make room for the longer length varint.
 */
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;

function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v > 0x7f; v = Math.floor(v / 128)) size++;
  return size;
}

export class ProtoWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  private rawVarint(value: number): void {
    this.reserve(10);
    let v = value;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  /** A non-negative integer field (enums, booleans); these messages have no negative ones. */
  varint(field: number, value: number): void {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(value);
  }

  bool(field: number, value: boolean): void {
    this.varint(field, value ? 1 : 0);
  }

  double(field: number, value: number): void {
    this.tag(field, WIRE_FIXED64);
    this.reserve(8);
    if (Number.isNaN(value)) {
      // google-protobuf writes NaN as 0x7fffffffffffffff; the same bytes keep both encoders interchangeable.
      this.buf.writeUInt32LE(0xffffffff, this.pos);
      this.buf.writeUInt32LE(0x7fffffff, this.pos + 4);
    } else {
      this.buf.writeDoubleLE(value, this.pos);
    }
    this.pos += 8;
  }

  string(field: number, value: string): void {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    // Worst case 3 bytes per UTF-16 unit; measuring exactly first would walk the string twice.
    if (value.length < 43) {
      this.reserve(1 + value.length * 3);
      const start = this.pos + 1;
      const written = this.buf.write(value, start, "utf8");
      this.buf[this.pos] = written;
      this.pos = start + written;
      return;
    }
    const bytes = Buffer.byteLength(value, "utf8");
    this.rawVarint(bytes);
    this.reserve(bytes);
    this.pos += this.buf.write(value, this.pos, "utf8");
  }

  /** Starts an embedded message; returns the mark `end` needs. */
  begin(field: number): number {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.reserve(1);
    this.pos += 1;
    return this.pos;
  }

  end(mark: number): void {
    const length = this.pos - mark;
    const extra = varintSize(length) - 1;
    if (extra > 0) {
      this.reserve(extra);
      this.buf.copy(this.buf, mark + extra, mark, this.pos);
      this.pos += extra;
    }
    let at = mark - 1;
    let v = length;
    while (v > 0x7f) {
      this.buf[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[at] = v;
  }

  /** The bytes written (a view of the writer's buffer; the writer is not used afterwards). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
