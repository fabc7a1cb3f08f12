/**
 * The aggregation requests, typed: each sends one `agg-*` frame over a relay connection and resolves
 * with the answer it expects, or the relay's error code. Used by members, stewards and the
 * organization alike (each is an authenticated identity on its own connection).
 */
import { err, ok, PROTOCOL_VERSION, type Result } from "@porch/shared";
import type { Answer, RequestFrame, SyncConnection } from "../../engine/sync-connection.ts";

type AnswerOf<T extends Answer["type"]> = Extract<Answer, { type: T }>;
type AggRequest = Extract<RequestFrame, { type: `agg-${string}` }>;
type WithoutV<F> = F extends unknown ? Omit<F, "v"> : never;

/** Sends `frame` and resolves with the answer of type `expect` (anything else is `internal`). */
export async function aggRequest<T extends Answer["type"]>(
  connection: SyncConnection,
  frame: WithoutV<AggRequest>,
  expect: T,
): Promise<Result<AnswerOf<T>>> {
  const answer = await connection.request({ v: PROTOCOL_VERSION, ...frame } as RequestFrame);
  if (!answer.ok) return answer;
  return answer.value.type === expect ? ok(answer.value as AnswerOf<T>) : err("internal", `expected ${expect}`);
}

/** Sends a request whose answer is `agg-ok`. */
export async function aggCommand(connection: SyncConnection, frame: WithoutV<AggRequest>): Promise<Result<true>> {
  const answer = await aggRequest(connection, frame, "agg-ok");
  return answer.ok ? ok(true) : answer;
}
