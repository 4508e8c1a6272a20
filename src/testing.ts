// prisma-extension-ai/testing: fakes for your app's tests. fakeAI() is a real AI core (createAI) over in-process
// fake providers: scripted replies, meaningful deterministic embeddings, recorded calls, injected failures.
export { fakeAI, type FakeAI, type FakeAIOptions, type FakeCallFilter } from "./testing/fake-ai.js";
export { fakeEmbedding } from "./testing/fake-embedding.js";
export type { FakeRecordingOptions } from "./testing/fake-recordings.js";
export type {
  FakeCall,
  FakeCallKind,
  FakeChatCall,
  FakeChatMatcher,
  FakeEmbedCall,
  FakeFault,
  FakeFaultOptions,
  FakeReply,
  FakeReplyParts,
} from "./testing/fake-script.js";
