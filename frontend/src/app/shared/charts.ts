import { BarChart, BoxplotChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { provideEchartsCore } from 'ngx-echarts';

/**
 * ECharts for the app's charts, tree-shaken to the parts they use: line, bar, box-plot and scatter charts with grid, tooltip,
 * legend and reference lines, drawn as SVG (crisp in print and PDF, no canvas needed). A chart
 * component lists `provideCharts()` in its providers and binds `[options]` built by a pure function.
 */
echarts.use([
  BarChart,
  BoxplotChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export const provideCharts = () => provideEchartsCore({ echarts });
