import sharp from "sharp";
import { ContentError } from "../../src/errors";
import { MAX_UPLOAD_BYTES, prepareImage } from "../../src/publisher/prepare-image";

/** Random pixels compress badly: the way to get real multi-megabyte pictures. */
function noise(width: number, height: number, channels: 3 | 4 = 3): sharp.Sharp {
  const data = Buffer.alloc(width * height * channels);
  let x = 12345;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    data[i] = x >> 16;
  }
  return sharp(data, { raw: { width, height, channels } });
}
const plain = (width = 400, height = 300, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 200, g: 20, b: 30, alpha: 0.5 } : { r: 200, g: 20, b: 30 } } });

describe("prepareImage", () => {
  it("sends a jpg or png that already fits byte for byte", async () => {
    const jpg = await plain().jpeg().toBuffer();
    const r = await prepareImage(jpg, "/c/posts/images/job-fair.jpeg");
    expect(r).toEqual({ data: jpg, filename: "job-fair.jpg", contentType: "image/jpeg", changes: [] });
    const png = await plain().png().toBuffer();
    expect(await prepareImage(png, "/c/posts/images/a.png")).toMatchObject({ data: png, filename: "a.png", contentType: "image/png", changes: [] });
  });

  it("turns webp into jpg, or into png when it has transparency", async () => {
    const r = await prepareImage(await plain().webp().toBuffer(), "orchard.webp");
    expect(r).toMatchObject({ filename: "orchard.jpg", contentType: "image/jpeg", changes: ["webp → jpg/png"] });
    expect((await sharp(r.data).metadata()).format).toBe("jpeg");
    const t = await prepareImage(await plain(400, 300, true).webp().toBuffer(), "logo.webp");
    expect(t).toMatchObject({ filename: "logo.png", contentType: "image/png" });
    expect((await sharp(t.data).metadata()).hasAlpha).toBe(true);
  });

  it("keeps the first frame of an animated gif (uploadimg takes jpg/png only)", async () => {
    const frame = (background: string) => sharp({ create: { width: 40, height: 40, channels: 4, background } }).png().toBuffer();
    const gif = await sharp([await frame("#c8161d"), await frame("#1616c8")], { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const r = await prepareImage(gif, "wave.gif");
    expect(r).toMatchObject({ filename: "wave.png", contentType: "image/png", changes: ["gif → jpg/png", "animated gif: first frame only"] });
    const meta = await sharp(r.data).metadata();
    expect([meta.format, meta.width, meta.height, meta.pages ?? 1]).toEqual(["png", 40, 40, 1]);
  });

  it("shrinks pictures wider than 1280 px and re-encodes until under 1 MB", async () => {
    const big = await noise(2000, 1500).jpeg({ quality: 100 }).toBuffer();
    expect(big.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
    const r = await prepareImage(big, "phone-photo.jpg");
    expect(r.data.length).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
    expect((await sharp(r.data).metadata()).width).toBeLessThanOrEqual(1280);
    expect(r.changes[0]).toMatch(/^resized 2000 → \d+ px wide$/);
  }, 30_000);

  it("refuses a file that is not an image", async () => {
    const err = await prepareImage(Buffer.from("not an image"), "/c/posts/images/broken.jpg").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).message).toMatch(/^\/c\/posts\/images\/broken\.jpg: cannot read the image: /);
  });
});
