"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.materialEndpoints = materialEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
const ADD_MATERIAL = "/cgi-bin/material/add_material";
const addMaterialResponse = zod_1.z.object({ media_id: zod_1.z.string().min(1), url: zod_1.z.string().optional() });
/** Permanent material (protocol §5.2, doc:svc/api/material/permanent/api_addmaterial). */
function materialEndpoints(call) {
    return {
        /** material/add_material?type=image|thumb. Use it for the cover: thumb_media_id must be permanent. */
        async add(type, file) {
            const body = await call({
                path: ADD_MATERIAL,
                method: "POST",
                query: { type },
                form: (0, api_types_1.mediaForm)(file),
                // A second copy of an image costs library quota (100 000) but does no other harm.
                retryOnBusy: true,
            });
            const wire = (0, api_types_1.parseWire)(addMaterialResponse, body, ADD_MATERIAL);
            return wire.url === undefined ? { mediaId: wire.media_id } : { mediaId: wire.media_id, url: wire.url };
        },
    };
}
//# sourceMappingURL=material.js.map