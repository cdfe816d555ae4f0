"use strict";
/**
 * What the rest of the service sees of WeChat's pushes and passive replies. Field names are ours
 * (camelCase); WeChat's PascalCase XML names exist only inside src/wechat/.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=types.js.map