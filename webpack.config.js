// Builds the Outlook add-in and the web console into dist/, which the API server serves at /
// (src/server/addin-host). Pages: taskpane (the Sales panel), commands (ribbon function file),
// dialog (MSAL fallback in an Office dialog), console (the web app at /app, src/console) and
// preview (the simulated compose window, served in dev auth mode only).
// Office.js is never bundled: the pages load it from Microsoft's CDN at run time (SPEC O6).
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const { GriffelCSSExtractionPlugin } = require('@griffel/webpack-extraction-plugin');
const { addinBaseUrl, rewriteManifest, SOURCE_BASE_URL } = require('./src/addin/build/manifest');
const { unifiedManifest, manifestPackage } = require('./src/addin/build/unified-manifest');
const { xmlDisagreements } = require('./src/addin/build/xml-agreement');
const { PreloadPanelPlugin } = require('./src/addin/build/preload-panel-plugin');
const { icoFromPngs } = require('./src/addin/build/favicon');

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const dist = path.resolve(__dirname, 'dist');

/**
 * Emits dist/manifest.xml (URLs moved to ADDIN_BASE_URL), the unified manifest.json and its
 * package manifest.zip (from the same definitions), the icons and a build stamp.
 */
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
          const source = fs.readFileSync(manifest, 'utf8');
          for (const problem of xmlDisagreements(source, SOURCE_BASE_URL))
            compilation.errors.push(new compiler.webpack.WebpackError(problem));
          const xml = rewriteManifest(source, this.baseUrl);
          compilation.emitAsset('manifest.xml', new RawSource(xml));
          const assets = path.resolve(__dirname, 'assets');
          compilation.emitAsset(
            'manifest.json',
            new RawSource(`${JSON.stringify(unifiedManifest(this.baseUrl), null, 2)}\n`),
          );
          compilation.emitAsset('manifest.zip', new RawSource(manifestPackage(this.baseUrl, assets)));
          for (const name of fs.readdirSync(assets)) {
            compilation.fileDependencies.add(path.join(assets, name));
            compilation.emitAsset(`assets/${name}`, new RawSource(fs.readFileSync(path.join(assets, name))));
          }
          // The browser asks every page's origin for /favicon.ico: the console's, and the preview's.
          compilation.emitAsset(
            'favicon.ico',
            new RawSource(
              icoFromPngs(['icon-16.png', 'icon-32.png'].map((n) => fs.readFileSync(path.join(assets, n)))),
            ),
          );
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

  const page = (
    name,
    title,
    { chunks = [name], filename = `${name}.html`, template, skeleton = false } = {},
  ) =>
    new HtmlWebpackPlugin({
      filename,
      chunks,
      title,
      template: template ?? path.resolve(__dirname, 'src/addin/page-template.html'),
      templateParameters: { title, officeJs: OFFICE_JS, skeleton },
      scriptLoading: 'defer',
      minify: production && { collapseWhitespace: true, removeComments: true },
    });

  // The console's lazy chunks: its shell (app/start.tsx) and its screens.
  const consoleAsync = (chunk) => chunk.name === 'console-app' || /^screen-/.test(chunk.name ?? '');

  const config = {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry: {
      taskpane: './src/addin/taskpane/boot.ts',
      commands: './src/addin/commands/commands.ts',
      dialog: './src/addin/dialog/dialog.ts',
      preview: './src/preview/index.ts',
      // The Office.js stand-in the preview's task pane loads instead of the CDN script, and the
      // compose window's state it reads (loaded first, synchronously, by the preview page).
      'office-stand-in': './src/preview/office-stand-in/index.ts',
      'preview-simulation': './src/preview/simulation-entry.ts',
      // The web console at /app (src/console): each screen is a lazy chunk of its own.
      console: './src/console/index.tsx',
    },
    output: {
      path: dist,
      publicPath: '/',
      filename: (pathData) =>
        pathData.chunk.name === 'office-stand-in'
          ? 'preview/office-stand-in.js'
          : // A fixed name: manifest.xml's JavaScript runtime (classic Outlook on Windows) loads it.
            pathData.chunk.name === 'commands'
            ? 'commands.js'
            : pathData.chunk.name === 'preview-simulation'
              ? 'preview/simulation.js'
              : production
                ? 'assets/js/[name].[contenthash:8].js'
                : 'assets/js/[name].js',
      chunkFilename: production ? 'assets/js/[name].[contenthash:8].js' : 'assets/js/[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // React Router 7's package exports name only its development build (with its warnings and
      // checks on); a production bundle takes the production build beside it
      // (remix-run/react-router#14102).
      alias: production
        ? { 'react-router$': path.resolve(__dirname, 'node_modules/react-router/dist/production/index.mjs') }
        : {},
    },
    module: {
      rules: [
        {
          // Griffel ahead of time, last step: the CSS of every makeStyles (ours, and Fluent UI's
          // already pre-compiled __styles) moves from JavaScript into griffel.css.
          test: /\.(js|mjs|ts|tsx)$/,
          use: { loader: GriffelCSSExtractionPlugin.loader },
        },
        {
          // Griffel ahead of time, first step: our makeStyles → __styles (resolved at build time).
          test: /\.styles\.ts$/,
          exclude: /node_modules/,
          use: { loader: '@griffel/webpack-loader' },
        },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
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
        // These two must stay self-contained files with fixed names (the preview loads them by name).
        // The commands bundle must be one file too: the JavaScript-only runtime loads only that file.
        chunks: (chunk) =>
          chunk.name !== 'office-stand-in' &&
          chunk.name !== 'preview-simulation' &&
          chunk.name !== 'commands',
        cacheGroups: {
          vendor: {
            // JavaScript only: the CSS extracted from Fluent UI's styles goes to griffel.css with ours.
            test: (module) =>
              module.type.startsWith('javascript') &&
              /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|keyborg|@floating-ui|@swc[\\/]helpers|use-sync-external-store|stylis|rtl-css-js|@emotion)[\\/]/.test(
                module.nameForCondition() ?? '',
              ),
            name: 'vendor',
            // React and Fluent UI as the panel needs them at once (the boot script's "panel"
            // chunk); what only the contact card or the confirmation use stays in their chunks.
            chunks: (chunk) => chunk.name === 'panel',
            priority: 10,
            enforce: true,
          },
          // The console's code past its small entry (index.tsx) in two files, not twenty: every
          // library its shell and screens use, and our modules two of them share. The entry
          // asks for the shell and the address's screen at once; over HTTP/1.1's six connections
          // a score of small chunks arrived in waves (docs/architecture.md).
          consoleVendor: {
            test: (module) =>
              module.type.startsWith('javascript') &&
              /[\\/]node_modules[\\/]/.test(module.nameForCondition() ?? ''),
            name: 'console-vendor',
            chunks: consoleAsync,
            priority: 10,
            enforce: true,
          },
          consoleCommon: {
            test: (module) => module.type.startsWith('javascript'),
            name: 'console-common',
            chunks: consoleAsync,
            minChunks: 2,
            priority: 5,
            enforce: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      page('taskpane', 'Sales Tools', { skeleton: true }),
      page('commands', 'Sales Tools commands'),
      page('dialog', 'Sales Tools sign-in'),
      page('console', 'Sales Tools', {
        filename: 'console.html',
        template: path.resolve(__dirname, 'src/console/page.html'),
      }),
      page('preview', 'Sales Tools preview: compose', {
        filename: 'preview/index.html',
        template: path.resolve(__dirname, 'src/preview/preview.html'),
      }),
      new MiniCssExtractPlugin({
        // Griffel's plugin merges every rule into griffel.css and sorts them itself (by its style
        // buckets), so the per-chunk order mini-css-extract-plugin warns about does not apply.
        ignoreOrder: true,
        filename: production ? 'assets/css/[name].[contenthash:8].css' : 'assets/css/[name].css',
        chunkFilename: production ? 'assets/css/[name].[contenthash:8].css' : 'assets/css/[name].css',
      }),
      new GriffelCSSExtractionPlugin(),
      // Where the commands bundle finds the API when it runs without a page (JavaScript runtime).
      new (require('webpack').DefinePlugin)({ ADDIN_BASE_URL: JSON.stringify(baseUrl) }),
      new AddinFilesPlugin(baseUrl),
      new PreloadPanelPlugin(),
    ],
    devServer: {
      port: Number(process.env.DEV_SERVER_PORT || 3001),
      headers: { 'Access-Control-Allow-Origin': '*' },
      // The API (npm start) answers /api and /dev; the dev server only serves the pages.
      proxy: [{ context: ['/api'], target: `http://localhost:${process.env.PORT || 3000}` }],
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
