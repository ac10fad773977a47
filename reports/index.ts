// The reports domain's entry points (no botbuilder, restify or cards imports here).
export * from './model.ts';
export { buildReport, reportTables, periodOf } from './build.ts';
export { parseReportQuery, reportQueryString, periodWords } from './filter.ts';
export { filterChoicesFor, reportScopeFor } from './scope.ts';
export { countCell, statCell, percentCell, protectCounts, thresholds } from './privacy.ts';
