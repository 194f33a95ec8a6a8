import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  /** Answers received during the run. */
  requests: number;
  /** Requests sent, those still unanswered at the end of the run included. */
  sent: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Loads one URL with `connections` concurrent keep-alive connections for `seconds`. */
export async function runLoad(
  url: string,
  cookie: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  // A slow answer still counts (autocannon's default gives up after 10 s).
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie },
    timeout: 60,
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    sent: (result.requests as { sent?: number }).sent ?? result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
