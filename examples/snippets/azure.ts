// docs/providers.md: Azure OpenAI.
// #region azure
import { createAI } from "prisma-extension-ai";

const ai = createAI({
  providers: {
    azure: { resourceName: "my-resource", apiKey: process.env.MY_AZURE_KEY },
    // Entra ID: a function returning a fresh token, asked before every request (e.g. from @azure/identity's
    // getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")).
    "azure-entra": { driver: "azure", resourceName: "my-resource", entraToken: async () => "<token>", apiVersion: "v1" },
  },
});

const reply = await ai.chat({ model: "azure:my-gpt-4o-deployment", messages: [{ role: "user", content: "Hi" }] });
// #endregion
console.log(reply.text);
