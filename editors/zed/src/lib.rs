// Zed extension: finds the `mercator` binary (settings, then PATH) and starts `mercator serve --stdio`.
use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

struct Mercator;

const SERVER: &str = "mercator";

impl zed::Extension for Mercator {
    fn new() -> Self {
        Mercator
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        // `"lsp": { "mercator": { "binary": { "path": …, "arguments": […] } } }` wins over PATH, so a
        // development build can be tried without installing it.
        let binary = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let path = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which(SERVER))
            .ok_or_else(|| "mercator was not found on PATH; set lsp.mercator.binary.path".to_string())?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["serve".into(), "--stdio".into()]);
        Ok(zed::Command { command: path, args, env: worktree.shell_env() })
    }

    // The server asks for section "mercator"; it is whatever `lsp.mercator.settings` holds.
    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|s| s.settings)
            .unwrap_or_else(|| serde_json::json!({}));
        Ok(Some(serde_json::json!({ "mercator": settings })))
    }
}

zed::register_extension!(Mercator);
