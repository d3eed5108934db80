//! One module per resource. Each validates its request body (on a dynamic JSON tree, so that
//! every violation is reported at once) and holds the typed request and response values.

pub mod agent;
pub mod connection;
pub mod environment;
pub mod page;
pub mod problem;
pub mod project;
pub mod repository;
pub mod secret;
pub mod timestamp;
pub mod vault;
pub mod warehouse;

use crate::json::Node;
use crate::pointer::Pointer;
use crate::validate::Sink;
use serde::Serialize;

/// The body an operation takes, which names its validator: the endpoint table's link from an
/// operation to its model module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyKind {
    /// No body (lists, token rotation).
    None,
    /// [`project`]: createProject.
    Project,
    /// [`warehouse`]: createDataPlatformConnection.
    Warehouse,
    /// [`secret`]: createSecretValue (two shapes).
    Secret,
    /// [`connection`]: createProjectConnection.
    Connection,
    /// [`environment`]: createEnvironment.
    Environment,
    /// [`repository`]: createRepository.
    Repository,
}

impl BodyKind {
    /// Checks `body` with this kind's rules, recording violations, edits and facts in `sink`.
    pub(crate) fn validate<N: Node>(self, sink: &mut Sink, at: &Pointer<'_>, body: &N) {
        match self {
            BodyKind::None => {}
            BodyKind::Project => project::validate(sink, at, body),
            BodyKind::Warehouse => warehouse::validate(sink, at, body),
            BodyKind::Secret => secret::validate(sink, at, body),
            BodyKind::Connection => connection::validate(sink, at, body),
            BodyKind::Environment => environment::validate(sink, at, body),
            BodyKind::Repository => repository::validate(sink, at, body),
        }
    }
}

/// The success response an operation gets, which names its typed value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ResponseKind {
    /// `{projectId}`.
    ProjectCreated,
    /// `{vaultSecretName, resolver_ref}`.
    SecretCreated,
    /// The created connection.
    ProjectConnection,
    /// `{}`.
    Empty,
    /// A page of agents.
    Agents,
    /// A page of projects.
    Projects,
    /// A page of environments.
    Environments,
    /// A page of project connections.
    ProjectConnections,
}

/// Declares a string enumeration once: its wire values (the validation list), a typed enum whose
/// `Other` variant keeps values the server sends that the seeds do not list, and serde impls.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value the seeds do not list (kept as received).
            Other(String),
        }

        impl $name {
            /// Every documented wire value.
            pub const VALUES: &'static [&'static str] = &[$($wire,)+];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(other) => other,
                }
            }

            /// The variant for a wire value; unknown values become `Other`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok($name::from_wire(&value))
            }
        }
    };
}
pub(crate) use string_enum;
