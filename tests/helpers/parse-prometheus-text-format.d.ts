// The package ships no types: what tests/integration/metrics.test.ts reads of its output.
declare module "parse-prometheus-text-format" {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
