/**
 * Inside this repository `mangokit` resolves to its TypeScript sources (the `source` export
 * condition); an app using the published package needs none of this.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  transpilePackages: ['mangokit'],
  webpack(config) {
    config.resolve.conditionNames = ['source', ...(config.resolve.conditionNames ?? ['...'])];
    config.resolve.extensionAlias = { '.js': ['.ts', '.js'] };
    return config;
  },
};

export default nextConfig;
