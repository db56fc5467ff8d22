// Builds (or checks) the patched FerretDB binary in .cache/bin: `npm run build:ferretdb`.
import { ensureFerretDB } from "./lib/services";

console.log(ensureFerretDB((l) => console.log(`[ferretdb] ${l}`)));
