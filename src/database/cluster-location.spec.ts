import { clusterDirOutside, isClusterOutsideDataDir } from './cluster-location';

describe('clusterDirOutside', () => {
  it('gives each DATA_DIR its own folder, the same one at every start', () => {
    const first = clusterDirOutside('/root/app/.data', '/var/lib/movie-recommender');
    expect(first).toMatch(/^\/var\/lib\/movie-recommender\/clusters\/[0-9a-f]{16}\/pg$/);
    expect(clusterDirOutside('/root/app/.data', '/var/lib/movie-recommender')).toBe(first);
    expect(clusterDirOutside('/root/other/.data', '/var/lib/movie-recommender')).not.toBe(first);
  });
});

describe('isClusterOutsideDataDir', () => {
  const fresh = { hasClusterInDataDir: false, hasClusterOutside: false };

  it('puts a new cluster in DATA_DIR when its user reaches it, or when we run it ourselves', () => {
    expect(isClusterOutsideDataDir({ ...fresh, systemUserReachesDataDir: true })).toBe(false);
    expect(isClusterOutsideDataDir({ ...fresh, systemUserReachesDataDir: undefined })).toBe(false);
  });

  it('puts a new cluster outside when the system user cannot reach DATA_DIR', () => {
    expect(isClusterOutsideDataDir({ ...fresh, systemUserReachesDataDir: false })).toBe(true);
  });

  it('keeps an existing cluster where it is, whatever DATA_DIR has become', () => {
    const inside = { hasClusterInDataDir: true, hasClusterOutside: false };
    expect(isClusterOutsideDataDir({ ...inside, systemUserReachesDataDir: false })).toBe(false);
    const outside = { hasClusterInDataDir: false, hasClusterOutside: true };
    expect(isClusterOutsideDataDir({ ...outside, systemUserReachesDataDir: true })).toBe(true);
  });
});
