/**
 * A fix for vis-timeline's clustering at thousands of items (checked against vis-timeline 8.5).
 *
 * Whenever items change, vis-timeline clusters them all again and, for each cluster it forms,
 * looks for an old cluster with the same items to reuse — by turning every old cluster into a Set
 * of item ids, once per new cluster: O(clusters²). At 10,000 events (a few thousand clusters) one
 * dragged item cost about a third of a second. An old cluster with the same items must hold the
 * new cluster's first item, and an item is in one cluster at most, so only that cluster needs to
 * be offered: same result, found through one index per reclustering.
 */

interface ClusterLike {
	data: { uiItems: { id: string | number }[] };
}

type FindCluster = (items: { id: string | number }[], group: unknown, oldClusters: ClusterLike[] | null, options: unknown) => unknown;

/** Patches the timeline's cluster generator in place; does nothing if its shape is not the one known. */
export function reuseClustersQuickly(timeline: unknown): void {
	const generator = (timeline as { itemSet?: { clusterGenerator?: { _getClusterForItems?: FindCluster } } }).itemSet?.clusterGenerator;
	const find = generator?._getClusterForItems;
	if (!generator || typeof find !== 'function') return;
	const indexes = new WeakMap<ClusterLike[], Map<string | number, ClusterLike>>();
	generator._getClusterForItems = function (this: unknown, items, group, oldClusters, options) {
		let candidates: ClusterLike[] = [];
		if (oldClusters?.length && items.length) {
			let index = indexes.get(oldClusters);
			if (!index) {
				index = new Map();
				for (const cluster of oldClusters) for (const item of cluster.data.uiItems) index.set(item.id, cluster);
				indexes.set(oldClusters, index);
			}
			const cluster = index.get(items[0].id);
			if (cluster) candidates = [cluster];
		}
		return find.call(this, items, group, candidates, options);
	};
}
