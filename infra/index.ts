import { readConfig } from "./src/config";
import { build } from "./src/infra";
import { stackOutputs } from "./src/outputs";

// The module's exports are the stack outputs.
export = stackOutputs(build(readConfig()));
