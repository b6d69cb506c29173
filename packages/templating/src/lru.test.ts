import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("evicts the least recently used entry beyond maxEntries", () => {
    const cache = new LruCache<number>(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("bounds the total key length", () => {
    const cache = new LruCache<number>(100, 10);
    cache.set("aaaa", 1);
    cache.set("bbbb", 2);
    cache.set("cccc", 3);
    expect(cache.get("aaaa")).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set("x".repeat(11), 4);
    expect(cache.get("x".repeat(11))).toBeUndefined();
  });

  it("replaces an existing key without double counting it", () => {
    const cache = new LruCache<number>(100, 8);
    cache.set("aaaa", 1);
    cache.set("aaaa", 2);
    cache.set("bbbb", 3);
    expect(cache.get("aaaa")).toBe(2);
    expect(cache.get("bbbb")).toBe(3);
  });
});
