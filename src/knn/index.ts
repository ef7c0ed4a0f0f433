/**
 * The `knn` family. Not built yet: this subpath exists so the package's export map is complete;
 * its functions arrive with their issue (see API.md).
 * @packageDocumentation
 */
export {};
