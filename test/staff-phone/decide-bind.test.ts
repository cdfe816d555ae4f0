import { hashBindCode } from "../../src/staff-phone/bind-code";
import { decideBind, type BindState } from "../../src/staff-phone/decide-bind";
import { matchBindCommand } from "../../src/staff-phone/match-bind-command";
import { maskOpenId } from "../../src/staff-phone/mask-open-id";
import { routePush } from "../../src/webhook/route-push";
import { inbound, TEST_AT } from "../helpers/inbound";

const code = (over: Partial<BindState["codes"][number]> = {}) => ({
  id: 1,
  staffUserId: 3,
  staffName: "wangfang",
  salt: "c2FsdC1mb3ItdGVzdA",
  codeHash: hashBindCode("c2FsdC1mb3ItdGVzdA", "480913"),
  createdAt: new Date(TEST_AT.getTime() - 60_000),
  expiresAt: new Date(TEST_AT.getTime() + 9 * 60_000),
  usedAt: null,
  ...over,
});
const state = (over: Partial<BindState> = {}): BindState => ({ command: { kind: "code", code: "480913" }, codes: [code()], failures: { mine: 0, all: 0 }, writable: true, ...over });

describe("decideBind (pure)", () => {
  it("binds a live code and names the login", () => {
    expect(decideBind(state(), TEST_AT)).toMatchObject({ outcome: "bound", bind: { codeId: 1, staffUserId: 3, staffName: "wangfang" }, reply: expect.stringContaining("已绑定到后台账号 wangfang") });
  });

  it("answers 后台正忙 and writes nothing while the database is locked (a push answered from the journal)", () => {
    expect(decideBind(state({ writable: false }), TEST_AT)).toEqual({ reply: "后台正忙，这次没有绑定。请过一分钟再发一次同样的消息。", outcome: null });
  });

  it("checks the throttle before the code, so a locked-out guess learns nothing", () => {
    expect(decideBind(state({ failures: { mine: 5, all: 5 } }), TEST_AT).outcome).toBe("throttled");
    expect(decideBind(state({ failures: { mine: 0, all: 30 } }), TEST_AT).outcome).toBe("throttled");
    expect(decideBind(state({ failures: { mine: 4, all: 29 } }), TEST_AT).outcome).toBe("bound");
  });

  it("tells wrong, used and expired codes apart", () => {
    expect(decideBind(state({ command: { kind: "code", code: "480914" } }), TEST_AT).outcome).toBe("wrong");
    expect(decideBind(state({ codes: [code({ usedAt: TEST_AT })] }), TEST_AT).outcome).toBe("used");
    expect(decideBind(state({ codes: [code({ expiresAt: TEST_AT })] }), TEST_AT).outcome).toBe("expired");
  });

  it("reads 绑定 commands only, and routes them ahead of the bot", () => {
    expect(matchBindCommand(inbound.text(" 绑定 480 913 "))).toEqual({ kind: "code", code: "480913" });
    expect(matchBindCommand(inbound.text("绑定手机号"))).toBeNull();
    expect(matchBindCommand(inbound.click("绑定"))).toBeNull();
    const routed = routePush(inbound.text("绑定 480913"), undefined as never, undefined as never, TEST_AT, state());
    expect(routed.result).toMatchObject({ ruleId: "staff-phone:bind", reply: { type: "text" } });
    expect(maskOpenId("oLuntai_editor_wangfang_Xy12Ab")).toBe("oLunta…12Ab");
  });
});
