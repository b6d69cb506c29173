export * from "./auth";
export * from "./campaigns";
export * from "./common";
export * from "./errors";
export * from "./launch";
export * from "./runtime";
export * from "./events";
