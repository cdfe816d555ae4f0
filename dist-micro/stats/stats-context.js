"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=stats-context.js.map