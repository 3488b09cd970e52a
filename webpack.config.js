// Builds the Outlook add-in into dist/, which the API server serves at / (src/server/addin-host).
// Pages: taskpane (the Sales panel), commands (ribbon function file), dialog (MSAL fallback in
// an Office dialog) and preview (the simulated compose window, served in dev auth mode only).
// Office.js is never bundled: the pages load it from Microsoft's CDN at run time (SPEC O6).
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { addinBaseUrl, rewriteManifest } = require('./src/addin/build/manifest');

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const dist = path.resolve(__dirname, 'dist');

/** Emits dist/manifest.xml (URLs moved to ADDIN_BASE_URL), the icons and a build stamp. */
class AddinFilesPlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('AddinFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'AddinFilesPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const manifest = path.resolve(__dirname, 'manifest.xml');
          compilation.fileDependencies.add(manifest);
          const xml = rewriteManifest(fs.readFileSync(manifest, 'utf8'), this.baseUrl);
          compilation.emitAsset('manifest.xml', new RawSource(xml));
          const assets = path.resolve(__dirname, 'assets');
          for (const name of fs.readdirSync(assets)) {
            compilation.fileDependencies.add(path.join(assets, name));
            compilation.emitAsset(`assets/${name}`, new RawSource(fs.readFileSync(path.join(assets, name))));
          }
          compilation.emitAsset(
            'build-info.json',
            new RawSource(JSON.stringify({ baseUrl: this.baseUrl, mode: compiler.options.mode }, null, 2)),
          );
        },
      );
    });
  }
}

module.exports = async (_env, argv) => {
  const production = argv.mode !== 'development';
  const baseUrl = addinBaseUrl();

  const page = (name, title, { officeJs = true, chunks = [name], filename = `${name}.html` } = {}) =>
    new HtmlWebpackPlugin({
      filename,
      chunks,
      title,
      template: path.resolve(__dirname, 'src/addin/page-template.html'),
      templateParameters: { title, officeJs: officeJs ? OFFICE_JS : null },
      scriptLoading: 'defer',
      minify: production && { collapseWhitespace: true, removeComments: true },
    });

  const config = {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry: {
      taskpane: './src/addin/taskpane/index.tsx',
      commands: './src/addin/commands/commands.ts',
      dialog: './src/addin/dialog/dialog.ts',
      preview: './src/preview/index.tsx',
      // The Office.js stand-in the preview's task pane loads instead of the CDN script.
      'office-stand-in': './src/preview/office-stand-in/index.ts',
    },
    output: {
      path: dist,
      publicPath: '/',
      filename: (pathData) =>
        pathData.chunk.name === 'office-stand-in'
          ? 'preview/office-stand-in.js'
          : production
            ? 'assets/js/[name].[contenthash:8].js'
            : 'assets/js/[name].js',
      chunkFilename: production ? 'assets/js/[name].[contenthash:8].js' : 'assets/js/[name].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic', development: !production } },
                target: 'es2020',
              },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        // The stand-in must stay one self-contained file (the server swaps it in by name).
        chunks: (chunk) => chunk.name !== 'office-stand-in',
        cacheGroups: {
          vendor: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|keyborg|@floating-ui|@swc[\\/]helpers|use-sync-external-store|stylis|rtl-css-js|@emotion)[\\/]/,
            name: 'vendor',
            // The task pane's libraries only: the preview page's extra Fluent controls stay out of it.
            chunks: (chunk) => chunk.name === 'taskpane',
            priority: 10,
            enforce: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      page('taskpane', 'Sales Tools'),
      page('commands', 'Sales Tools commands'),
      page('dialog', 'Sales Tools sign-in'),
      page('preview', 'Sales Tools preview: compose', { officeJs: false, filename: 'preview/index.html' }),
      new AddinFilesPlugin(baseUrl),
    ],
    devServer: {
      port: Number(process.env.DEV_SERVER_PORT || 3001),
      headers: { 'Access-Control-Allow-Origin': '*' },
      // The API (npm start) answers /api and /dev; the dev server only serves the pages.
      proxy: [{ context: ['/api', '/dev'], target: `http://localhost:${process.env.PORT || 3000}` }],
      server: { type: 'https', options: await devCertificates() },
      static: false,
      hot: false,
    },
  };
  return config;
};

/** office-addin-dev-certs makes and trusts a localhost certificate once; only the dev server needs it. */
async function devCertificates() {
  if (!process.argv.includes('serve')) return {};
  const devCerts = require('office-addin-dev-certs');
  return devCerts.getHttpsServerOptions();
}
