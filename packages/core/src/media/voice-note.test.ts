import { describe, expect, it } from "vitest";
import { oggVoiceNote } from "../../../../tests/support/ogg";
import { oggOpusSeconds, TRANSCRIBE_LIMITS } from "./voice-note";

describe("oggOpusSeconds: a voice note's length from its Ogg pages", () => {
  it("reads the last page's granule position at 48 kHz minus the pre-skip", () => {
    expect(oggOpusSeconds(oggVoiceNote(7.5, "oi"))).toBeCloseTo(7.5, 3);
    expect(oggOpusSeconds(oggVoiceNote(301, "longo"))).toBeCloseTo(301, 3);
    expect(oggOpusSeconds(oggVoiceNote(0))).toBe(0);
  });

  it("skips pages where no packet ends (granule -1) and spans many pages", () => {
    const big = oggVoiceNote(42, "x", 200_000);
    expect(big.length).toBeGreaterThan(200_000);
    expect(oggOpusSeconds(big)).toBeCloseTo(42, 3);
  });

  it("is null for what is not Ogg Opus: other bytes, truncated files, Ogg without OpusHead", () => {
    expect(oggOpusSeconds(new Uint8Array(100))).toBeNull();
    expect(oggOpusSeconds(new TextEncoder().encode("ID3\u0003 an mp3"))).toBeNull();
    expect(oggOpusSeconds(oggVoiceNote(5).subarray(0, 30))).toBeNull();
    const vorbis = Buffer.from(oggVoiceNote(5));
    vorbis.write("OpusHeaX", 28, "latin1");
    expect(oggOpusSeconds(vorbis)).toBeNull();
  });

  it("reads a slice of a larger buffer at its own offset", () => {
    const file = oggVoiceNote(12, "ok");
    const outer = new Uint8Array(file.length + 10);
    outer.set(file, 10);
    expect(oggOpusSeconds(outer.subarray(10))).toBeCloseTo(12, 3);
  });

  it("the bounds: five minutes, 3 MB, 4,000 characters kept", () => {
    expect(TRANSCRIBE_LIMITS).toEqual({ maxBytes: 3 * 1024 * 1024, maxSeconds: 300, maxChars: 4000 });
  });
});
