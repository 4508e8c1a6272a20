#!/usr/bin/env node
// prisma-ai-generator: the executable Prisma starts for `generator ai { provider = "prisma-ai-generator" }`.
// @prisma/generator-helper is CommonJS whose named exports Node cannot detect, hence the default import.
import generatorHelper from "@prisma/generator-helper";
import { manifest, onGenerate } from "./handler.js";

generatorHelper.generatorHandler({ onManifest: manifest, onGenerate });
