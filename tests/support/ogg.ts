/**
 * A minimal Ogg Opus file (RFC 7845 page layout): OpusHead, OpusTags, then one audio page whose
 * granule position says `seconds` (plus the pre-skip), holding `TRANSCRIPT:<text>` where the
 * provider stand-in reads what the "speech" says. Not playable audio; the layout is what the
 * duration check and the AI SDK's type detection read. CRCs are left zero.
 */
export function oggVoiceNote(seconds: number, text = "", padTo = 0): Buffer {
  const preSkip = 312;
  const page = (headerType: number, granule: bigint, seq: number, body: Buffer) => {
    const lacing: number[] = [];
    let left = body.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
    const h = Buffer.alloc(27);
    h.write("OggS", 0, "latin1");
    h[4] = 0;
    h[5] = headerType;
    h.writeBigInt64LE(granule, 6);
    h.writeUInt32LE(0x766f6963, 14);
    h.writeUInt32LE(seq, 18);
    h[26] = lacing.length;
    return Buffer.concat([h, Buffer.from(lacing), body]);
  };
  const head = Buffer.alloc(19);
  head.write("OpusHead", 0, "latin1");
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48_000, 12);
  const tags = Buffer.concat([Buffer.from("OpusTags", "latin1"), Buffer.from([8, 0, 0, 0]), Buffer.from("WhatsApp", "latin1"), Buffer.alloc(4)]);
  const said = Buffer.concat([Buffer.from(`TRANSCRIPT:${text}`, "utf8"), Buffer.alloc(1)]);
  const audio = Buffer.concat([said, Buffer.alloc(Math.max(0, padTo - said.length), 0x55)]);
  // Big bodies span pages of at most 255 lacing values (65,025 bytes); only the last one ends a packet.
  const pages = [page(0x02, 0n, 0, head), page(0, 0n, 1, tags)];
  const granule = BigInt(Math.round(seconds * 48_000) + preSkip);
  for (let i = 0, seq = 2; i < audio.length; i += 65_000, seq++) {
    const last = i + 65_000 >= audio.length;
    pages.push(page(last ? 0x04 : i === 0 ? 0 : 0x01, last ? granule : -1n, seq, audio.subarray(i, i + 65_000)));
  }
  return Buffer.concat(pages);
}
