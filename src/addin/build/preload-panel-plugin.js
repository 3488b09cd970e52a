// Adds <link rel="preload" as="script"> for the panel's chunks (React + Fluent UI "vendor", and
// "panel") to taskpane.html's head, so that they download from page start, beside Office.js,
// instead of when the deferred boot script runs and imports them (issue 11: ~700 ms between the
// lookup's answer and the panel's render went to that chunk arriving and compiling late).
const HtmlWebpackPlugin = require('html-webpack-plugin');

class PreloadPanelPlugin {
  constructor({ page = 'taskpane.html', chunkGroup = 'panel' } = {}) {
    this.page = page;
    this.chunkGroup = chunkGroup;
  }
  apply(compiler) {
    compiler.hooks.compilation.tap('PreloadPanelPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadPanelPlugin', (data) => {
        if (data.outputName !== this.page) return data;
        const group = compilation.namedChunkGroups.get(this.chunkGroup);
        if (!group) return data;
        const publicPath = compilation.outputOptions.publicPath || '/';
        const links = group
          .getFiles()
          .filter((file) => file.endsWith('.js'))
          .map((file) =>
            HtmlWebpackPlugin.createHtmlTagObject('link', {
              rel: 'preload',
              as: 'script',
              href: `${publicPath}${file}`,
            }),
          );
        data.headTags.unshift(...links);
        return data;
      });
    });
  }
}

module.exports = { PreloadPanelPlugin };
