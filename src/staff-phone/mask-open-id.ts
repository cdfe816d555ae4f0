/** "oLunta…KlMn": enough for staff to tell two phones apart, not enough to message someone. */
export function maskOpenId(openId: string): string {
  return openId.length <= 10 ? `${openId.slice(0, 2)}…` : `${openId.slice(0, 6)}…${openId.slice(-4)}`;
}
