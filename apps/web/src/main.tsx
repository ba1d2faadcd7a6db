import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { createQueryClient } from "./app/query-client";
import { createAppRouter } from "./app/router";
import { applyThemeChoice, readThemeChoice } from "./lib/theme";
import "./styles/index.css";

// Before the first paint, so a stored theme never flashes the other one.
applyThemeChoice(readThemeChoice());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <App router={createAppRouter()} queryClient={createQueryClient()} />
  </StrictMode>,
);
