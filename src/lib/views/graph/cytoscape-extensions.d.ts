// cytoscape-fcose and cytoscape-edgehandles ship without types; each is a cytoscape extension.
declare module 'cytoscape-fcose' {
	const extension: import('cytoscape').Ext;
	export default extension;
}
declare module 'cytoscape-edgehandles' {
	const extension: import('cytoscape').Ext;
	export default extension;
}
