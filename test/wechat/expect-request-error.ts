import { RequestError } from "../../src/errors";

/** Runs `fn`, expects it to throw a RequestError, and returns it for assertions on code and status. */
export function expectRequestError(fn: () => unknown): RequestError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RequestError);
    return err as RequestError;
  }
  throw new Error("expected a RequestError, nothing was thrown");
}

/** Removes the indentation between tags that some reply vectors carry, keeping text intact. */
export function withoutIndentation(xml: string): string {
  return xml.replace(/>\s+</g, "><").trim();
}
