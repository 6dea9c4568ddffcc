import { describe, expect, it } from "vitest";
import { Counter, Histogram, renderPrometheus } from "./metrics";

describe("Prometheus text", () => {
  it("renders counters per label set and histograms as cumulative buckets with sum and count", () => {
    const c = new Counter("vf_test_calls_total", "Test calls.");
    c.inc({ route: "/a", tenant: 'x"y' });
    c.inc({ tenant: 'x"y', route: "/a" }, 2);
    c.inc({ route: "/b" });
    const h = new Histogram("vf_test_seconds", "Test durations.", [0.1, 1]);
    h.observe({ route: "/a" }, 0.05);
    h.observe({ route: "/a" }, 0.5);
    h.observe({ route: "/a" }, 3);
    expect(renderPrometheus([c.family(), h.family()])).toBe(
      [
        "# HELP vf_test_calls_total Test calls.",
        "# TYPE vf_test_calls_total counter",
        'vf_test_calls_total{route="/a",tenant="x\\"y"} 3',
        'vf_test_calls_total{route="/b"} 1',
        "# HELP vf_test_seconds Test durations.",
        "# TYPE vf_test_seconds histogram",
        'vf_test_seconds_bucket{route="/a",le="0.1"} 1',
        'vf_test_seconds_bucket{route="/a",le="1"} 2',
        'vf_test_seconds_bucket{route="/a",le="+Inf"} 3',
        'vf_test_seconds_sum{route="/a"} 3.55',
        'vf_test_seconds_count{route="/a"} 3',
        "",
      ].join("\n"),
    );
  });

  it("a gauge without labels and a non-finite value", () => {
    expect(renderPrometheus([{ name: "vf_g", help: "G.", type: "gauge", samples: [{ labels: {}, value: Number.NaN }] }])).toBe("# HELP vf_g G.\n# TYPE vf_g gauge\nvf_g 0\n");
  });
});
