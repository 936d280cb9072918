// What the `kg view` page's own script (kg/data/view.js) uses from the renderer libraries,
// exposed as one global so that view.js stays plain source and needs no build.
import EdgeCurveProgram, { EdgeCurvedArrowProgram, DEFAULT_EDGE_CURVATURE, indexParallelEdgesIndex } from "@sigma/edge-curve";
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram } from "sigma/rendering";

globalThis.KgRenderer = {
  Graph, Sigma, indexParallelEdgesIndex, DEFAULT_EDGE_CURVATURE,
  programs: { arrow: EdgeArrowProgram, line: EdgeRectangleProgram, curvedArrow: EdgeCurvedArrowProgram, curvedLine: EdgeCurveProgram },
};
