/**
 * Builds InboundMessage values as src/wechat/parse-message produces them, for tests that start after
 * parsing (the bot, the route's recording). Defaults are a realistic push to 青春轮台 at a fixed
 * instant; pass `overrides` for anything the test is about.
 */
import type {
  ClickEvent,
  ImageMessage,
  InboundMessage,
  LinkMessage,
  LocationMessage,
  LocationReportEvent,
  ScanEvent,
  SubscribeEvent,
  TextMessage,
  UnknownMessage,
  UnsubscribeEvent,
  VideoMessage,
  ViewEvent,
  VoiceMessage,
} from "../../src/wechat/types";

export const TEST_ACCOUNT = "gh_3a1b2c3d4e5f";
export const TEST_OPENID = "oLuntai_youth_0001_AbCdEfGhIjKlMn";
/** 2026-12-01 09:30 in Asia/Shanghai. */
export const TEST_AT = new Date("2026-12-01T01:30:00Z");

let nextMsgId = 24_601_234_567_890_123n;

interface Common {
  accountOriginalId?: string;
  openId?: string;
  createdAt?: Date;
}

function base(o: Common): { accountOriginalId: string; openId: string; createdAt: Date } {
  return {
    accountOriginalId: o.accountOriginalId ?? TEST_ACCOUNT,
    openId: o.openId ?? TEST_OPENID,
    createdAt: o.createdAt ?? TEST_AT,
  };
}

function message(o: Common & { msgId?: string }) {
  const b = base(o);
  const msgId = o.msgId ?? String(nextMsgId++);
  return { ...b, msgId, dedupKey: `msg:${msgId}` };
}

function event(o: Common) {
  const b = base(o);
  return { ...b, dedupKey: `event:${b.openId}:${Math.floor(b.createdAt.getTime() / 1000)}` };
}

export const inbound = {
  text(content: string, o: Common & { msgId?: string } = {}): TextMessage {
    return { ...message(o), type: "text", content };
  },
  voice(recognition: string | undefined, o: Common & { msgId?: string } = {}): VoiceMessage {
    return {
      ...message(o),
      type: "voice",
      mediaId: "voice_media_9Kq2",
      format: "amr",
      ...(recognition === undefined ? {} : { recognition }),
    };
  },
  image(o: Common & { msgId?: string } = {}): ImageMessage {
    return { ...message(o), type: "image", picUrl: "http://mmbiz.qpic.cn/mmbiz_jpg/example/0", mediaId: "img_media_7Hd1" };
  },
  video(o: Common & { msgId?: string } = {}): VideoMessage {
    return { ...message(o), type: "video", mediaId: "video_media_3Xa9", thumbMediaId: "thumb_media_3Xa9" };
  },
  location(o: Common & { msgId?: string } = {}): LocationMessage {
    return { ...message(o), type: "location", latitude: 41.7772, longitude: 84.2516, scale: 15, label: "新疆巴音郭楞蒙古自治州轮台县" };
  },
  link(o: Common & { msgId?: string } = {}): LinkMessage {
    return { ...message(o), type: "link", title: "轮台县青年创业大赛报名", description: "报名通道已开启", url: "https://mp.weixin.qq.com/s/example" };
  },
  subscribe(o: Common & { sceneId?: string } = {}): SubscribeEvent {
    return { ...event(o), type: "subscribe", ...(o.sceneId === undefined ? {} : { sceneId: o.sceneId, ticket: "gQH47joAAAAAAAAAASxodHRw" }) };
  },
  unsubscribe(o: Common = {}): UnsubscribeEvent {
    return { ...event(o), type: "unsubscribe" };
  },
  scan(sceneId: string, o: Common = {}): ScanEvent {
    return { ...event(o), type: "scan", sceneId, ticket: "gQH47joAAAAAAAAAASxodHRw" };
  },
  click(key: string, o: Common = {}): ClickEvent {
    return { ...event(o), type: "click", key };
  },
  view(url: string, o: Common = {}): ViewEvent {
    return { ...event(o), type: "view", url };
  },
  locationReport(o: Common = {}): LocationReportEvent {
    return { ...event(o), type: "location_report", latitude: 41.7772, longitude: 84.2516, precision: 65 };
  },
  unknown(msgType: string, o: Common & { event?: string } = {}): UnknownMessage {
    return { ...event(o), type: "unknown", msgType, ...(o.event === undefined ? {} : { event: o.event }), fields: {} };
  },
} satisfies Record<string, (...args: never[]) => InboundMessage>;
