// Swagger UI for /docs: the script FastAPI would put inline in the page, as a file of its own, so
// that the page runs under supple's Content-Security-Policy (script-src 'self', nothing inline).
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
