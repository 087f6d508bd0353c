/**
 * ngx-echarts asks for a ResizeObserver even when it does not resize, and jsdom has none; ECharts
 * measures text on a canvas, which jsdom does not draw (it falls back to estimating without one). A
 * spec that renders a chart calls this in its `describe`.
 */
export function useChartStubs(): void {
  beforeEach(() => {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe(): void {}
        unobserve(): void {}
        disconnect(): void {}
      },
    );
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => vi.unstubAllGlobals());
}
